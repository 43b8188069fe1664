-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Incident" (
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
    "remindersSnoozedUntil" DATETIME,
    "rootCause" TEXT,
    "customerImpact" TEXT,
    "lessons" TEXT,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Workstream" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "workstreamId" INTEGER,
    "role" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "assignedById" TEXT NOT NULL,
    "endedById" TEXT,
    "handoffId" INTEGER
);

-- CreateTable
CREATE TABLE "ServiceStatus" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "service" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "workstreamId" INTEGER,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "recoveredAt" DATETIME
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "setById" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "originalAt" DATETIME,
    "correctedById" TEXT,
    "correctedAt" DATETIME
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "workstreamId" INTEGER,
    "kind" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "actorId" TEXT,
    "text" TEXT NOT NULL DEFAULT '',
    "data" JSONB,
    "tag" TEXT,
    "sourceChannelId" TEXT,
    "sourceTs" TEXT,
    "permalink" TEXT,
    "dedupeKey" TEXT
);

-- CreateTable
CREATE TABLE "TimelinePin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entryId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageTs" TEXT NOT NULL,
    "userId" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "doneAt" DATETIME
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "workstreamId" INTEGER,
    "role" TEXT NOT NULL,
    "rotation" TEXT,
    "boundaryAt" DATETIME,
    "dedupeKey" TEXT NOT NULL,
    "fromUserId" TEXT,
    "toUserId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "promptedAt" DATETIME NOT NULL,
    "promptTs" TEXT,
    "brief" JSONB,
    "briefedAt" DATETIME,
    "briefedById" TEXT,
    "acceptedAt" DATETIME,
    "acceptedById" TEXT,
    "acceptBy" DATETIME,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "nextEscalationAt" DATETIME,
    "createdById" TEXT
);

-- CreateTable
CREATE TABLE "ProcessedRequest" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL,
    "response" JSONB
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lane" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "coalesceKey" TEXT,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastError" TEXT,
    "sendingAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME,
    "result" JSONB
);

-- CreateTable
CREATE TABLE "Lease" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobRun" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "job" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "ranAt" DATETIME NOT NULL,
    "holder" TEXT NOT NULL
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

