-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "publishedAt" DATETIME;

