-- AlterTable
ALTER TABLE "Workstream" ADD COLUMN     "parentId" INTEGER;

