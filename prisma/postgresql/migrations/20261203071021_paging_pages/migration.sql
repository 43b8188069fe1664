-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "pagesTs" TEXT;

-- CreateTable
CREATE TABLE "Page" (
    "id" SERIAL NOT NULL,
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
    "triggeredAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "failure" TEXT,

    CONSTRAINT "Page_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Page_dedupKey_key" ON "Page"("dedupKey");

-- CreateIndex
CREATE INDEX "Page_incidentId_status_idx" ON "Page"("incidentId", "status");

