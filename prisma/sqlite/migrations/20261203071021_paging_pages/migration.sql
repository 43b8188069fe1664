-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "pagesTs" TEXT;

-- CreateTable
CREATE TABLE "Page" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "email" TEXT,
    "reason" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "handoffId" INTEGER,
    "status" TEXT NOT NULL,
    "requestedById" TEXT,
    "triggeredAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "resolvedAt" DATETIME,
    "failure" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Page_dedupKey_key" ON "Page"("dedupKey");

-- CreateIndex
CREATE INDEX "Page_incidentId_status_idx" ON "Page"("incidentId", "status");

