-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "publishedAt" TIMESTAMP(3);

