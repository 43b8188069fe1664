-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Incident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "severity" INTEGER NOT NULL,
    "peakSeverity" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "isPrivate" BOOLEAN NOT NULL DEFAULT false,
    "regions" JSONB NOT NULL,
    "services" JSONB NOT NULL,
    "declaredById" TEXT NOT NULL,
    "channelId" TEXT,
    "channelName" TEXT,
    "topic" TEXT,
    "summaryTs" TEXT,
    "boardTs" TEXT,
    "announceTs" TEXT,
    "rotation" TEXT,
    "lastUpdateAt" DATETIME,
    "updateCount" INTEGER NOT NULL DEFAULT 0,
    "remindersSnoozedUntil" DATETIME,
    "rootCause" TEXT,
    "customerImpact" TEXT,
    "lessons" TEXT,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Incident" ("announceTs", "boardTs", "channelId", "channelName", "closedAt", "createdAt", "customerImpact", "declaredById", "id", "isPrivate", "lastUpdateAt", "lessons", "number", "peakSeverity", "regions", "remindersSnoozedUntil", "resolvedAt", "rootCause", "rotation", "services", "severity", "status", "summary", "summaryTs", "title", "topic", "updatedAt") SELECT "announceTs", "boardTs", "channelId", "channelName", "closedAt", "createdAt", "customerImpact", "declaredById", "id", "isPrivate", "lastUpdateAt", "lessons", "number", "peakSeverity", "regions", "remindersSnoozedUntil", "resolvedAt", "rootCause", "rotation", "services", "severity", "status", "summary", "summaryTs", "title", "topic", "updatedAt" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE UNIQUE INDEX "Incident_number_key" ON "Incident"("number");
CREATE UNIQUE INDEX "Incident_channelId_key" ON "Incident"("channelId");
CREATE INDEX "Incident_status_idx" ON "Incident"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill: number the updates already recorded.
UPDATE "Incident" SET "updateCount" = (
  SELECT COUNT(*) FROM "TimelineEntry" WHERE "TimelineEntry"."incidentId" = "Incident"."id" AND "TimelineEntry"."kind" = 'update_posted'
);
