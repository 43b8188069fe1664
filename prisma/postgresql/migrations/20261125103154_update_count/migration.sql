-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "updateCount" INTEGER NOT NULL DEFAULT 0;


-- Backfill: number the updates already recorded.
UPDATE "Incident" SET "updateCount" = (
  SELECT COUNT(*) FROM "TimelineEntry" WHERE "TimelineEntry"."incidentId" = "Incident"."id" AND "TimelineEntry"."kind" = 'update_posted'
);
