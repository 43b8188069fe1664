-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
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
    "lastUpdateAt" TIMESTAMP(3),
    "remindersSnoozedUntil" TIMESTAMP(3),
    "rootCause" TEXT,
    "customerImpact" TEXT,
    "lessons" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workstream" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "wantChannel" BOOLEAN NOT NULL DEFAULT false,
    "channelId" TEXT,
    "channelName" TEXT,
    "topic" TEXT,
    "summaryTs" TEXT,
    "rotation" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workstream_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "workstreamId" INTEGER,
    "role" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "assignedById" TEXT NOT NULL,
    "endedById" TEXT,
    "handoffId" INTEGER,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceStatus" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "service" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "workstreamId" INTEGER,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "recoveredAt" TIMESTAMP(3),

    CONSTRAINT "ServiceStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "setById" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "originalAt" TIMESTAMP(3),
    "correctedById" TEXT,
    "correctedAt" TIMESTAMP(3),

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "workstreamId" INTEGER,
    "kind" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "text" TEXT NOT NULL DEFAULT '',
    "data" JSONB,
    "tag" TEXT,
    "sourceChannelId" TEXT,
    "sourceTs" TEXT,
    "permalink" TEXT,
    "dedupeKey" TEXT,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelinePin" (
    "id" SERIAL NOT NULL,
    "entryId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageTs" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "TimelinePin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "workstreamId" INTEGER,
    "role" TEXT NOT NULL,
    "rotation" TEXT,
    "boundaryAt" TIMESTAMP(3),
    "dedupeKey" TEXT NOT NULL,
    "fromUserId" TEXT,
    "toUserId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "promptedAt" TIMESTAMP(3) NOT NULL,
    "promptTs" TEXT,
    "brief" JSONB,
    "briefedAt" TIMESTAMP(3),
    "briefedById" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" TEXT,
    "acceptBy" TIMESTAMP(3),
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "nextEscalationAt" TIMESTAMP(3),
    "createdById" TEXT,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedRequest" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "response" JSONB,

    CONSTRAINT "ProcessedRequest_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "lane" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "coalesceKey" TEXT,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "sendingAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "result" JSONB,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lease" (
    "key" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "key" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "ranAt" TIMESTAMP(3) NOT NULL,
    "holder" TEXT NOT NULL,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_number_key" ON "Incident"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_channelId_key" ON "Incident"("channelId");

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Workstream_channelId_key" ON "Workstream"("channelId");

-- CreateIndex
CREATE UNIQUE INDEX "Workstream_incidentId_name_key" ON "Workstream"("incidentId", "name");

-- CreateIndex
CREATE INDEX "RoleAssignment_incidentId_endedAt_idx" ON "RoleAssignment"("incidentId", "endedAt");

-- CreateIndex
CREATE INDEX "RoleAssignment_userId_endedAt_idx" ON "RoleAssignment"("userId", "endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceStatus_incidentId_service_region_phase_key" ON "ServiceStatus"("incidentId", "service", "region", "phase");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_incidentId_name_key" ON "Milestone"("incidentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "TimelineEntry_dedupeKey_key" ON "TimelineEntry"("dedupeKey");

-- CreateIndex
CREATE INDEX "TimelineEntry_incidentId_occurredAt_id_idx" ON "TimelineEntry"("incidentId", "occurredAt", "id");

-- CreateIndex
CREATE INDEX "TimelineEntry_incidentId_kind_idx" ON "TimelineEntry"("incidentId", "kind");

-- CreateIndex
CREATE INDEX "TimelinePin_entryId_idx" ON "TimelinePin"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "TimelinePin_channelId_messageTs_userId_key" ON "TimelinePin"("channelId", "messageTs", "userId");

-- CreateIndex
CREATE INDEX "ActionItem_incidentId_idx" ON "ActionItem"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "Handoff_dedupeKey_key" ON "Handoff"("dedupeKey");

-- CreateIndex
CREATE INDEX "Handoff_incidentId_state_idx" ON "Handoff"("incidentId", "state");

-- CreateIndex
CREATE INDEX "Handoff_state_nextEscalationAt_idx" ON "Handoff"("state", "nextEscalationAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_lane_id_idx" ON "OutboxMessage"("status", "lane", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_coalesceKey_status_idx" ON "OutboxMessage"("coalesceKey", "status");

