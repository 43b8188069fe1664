// An incident's view rows (src/db/queries/incident-view.ts) in one statement: one JSON value per
// table (src/db/queries/json-rows.ts), its only parameter the incident's id. The latest status
// update is found from the incident row: its `lastUpdateAt` is the newest update's occurredAt
// (updates are never deleted or moved, and the update_posted handler keeps the maximum), so one
// equality seek on the (incidentId, occurredAt, id) index instead of sorting every update.
import { type Db, Prisma, type Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import type { Incident, Milestone, RoleAssignment, ServiceStatus, Workstream } from "../models.ts";
import { plainRows } from "../plain-statements.ts";
import {
  decodedRow,
  decodedRows,
  type JsonDialect,
  PARAMETER,
  parsedJson,
  statementPerStore,
  type TableShape,
} from "./json-rows.ts";

/** The rows a view is built from, as the models read them. */
export interface IncidentViewRows {
  incident: Incident;
  /** Current role terms, incident-level and workstream leads, by start (then id). */
  roles: RoleAssignment[];
  workstreams: Workstream[];
  services: ServiceStatus[];
  milestones: Milestone[];
  latestUpdate: {
    text: string | null;
    actorId: string | null;
    occurredAt: Date;
    workstreamId: number | null;
  } | null;
}

const INCIDENT: TableShape<Incident> = {
  table: "Incident",
  columns: Object.values(Prisma.IncidentScalarFieldEnum),
  instants: [
    "lastUpdateAt",
    "remindersSnoozedUntil",
    "resolvedAt",
    "closedAt",
    "publishedAt",
    "createdAt",
    "updatedAt",
  ],
  booleans: ["isPrivate"],
  json: ["regions", "services"],
};
const ROLE: TableShape<RoleAssignment> = {
  table: "RoleAssignment",
  columns: Object.values(Prisma.RoleAssignmentScalarFieldEnum),
  instants: ["startedAt", "endedAt"],
};
const WORKSTREAM: TableShape<Workstream> = {
  table: "Workstream",
  columns: Object.values(Prisma.WorkstreamScalarFieldEnum),
  instants: ["createdAt"],
  booleans: ["wantChannel"],
};
const SERVICE: TableShape<ServiceStatus> = {
  table: "ServiceStatus",
  columns: Object.values(Prisma.ServiceStatusScalarFieldEnum),
  instants: ["updatedAt", "recoveredAt"],
};
const MILESTONE: TableShape<Milestone> = {
  table: "Milestone",
  columns: Object.values(Prisma.MilestoneScalarFieldEnum),
  instants: ["occurredAt", "originalAt", "correctedAt"],
};
const LATEST_UPDATE: TableShape<NonNullable<IncidentViewRows["latestUpdate"]>> = {
  table: "TimelineEntry",
  columns: ["text", "actorId", "occurredAt", "workstreamId"],
  instants: ["occurredAt"],
};

function statement(dialect: JsonDialect): string {
  const ofIncident = `t."incidentId" = ${PARAMETER}`;
  return `SELECT
    ${dialect.row(INCIDENT, `t."id" = ${PARAMETER}`)} AS "incident",
    ${dialect.rows(ROLE, `${ofIncident} AND t."endedAt" IS NULL`, `"startedAt", "id"`)} AS "roles",
    ${dialect.rows(WORKSTREAM, ofIncident, `"id"`)} AS "workstreams",
    ${dialect.rows(SERVICE, ofIncident, `"service", "region", "phase" DESC`)} AS "services",
    ${dialect.rows(MILESTONE, ofIncident, `"occurredAt", "id"`)} AS "milestones",
    ${dialect.row(
      LATEST_UPDATE,
      `${ofIncident} AND t."kind" = 'update_posted'
        AND t."occurredAt" = (SELECT i."lastUpdateAt" FROM "Incident" i WHERE i."id" = ${PARAMETER})`,
      `"id" DESC`,
    )} AS "latestUpdate"`;
}

const STATEMENT = statementPerStore(statement);

type StatementRow = Record<keyof IncidentViewRows, unknown>;

export async function readViewRowsInOneStatement(
  db: Db | Tx,
  incidentId: number,
  provider: Provider,
): Promise<IncidentViewRows | null> {
  const [row] = await plainRows<StatementRow>(db, STATEMENT.bind(provider, incidentId));
  // Parsed once: decodedRow takes a parsed row as it is.
  const incident = parsedJson(row?.incident ?? null);
  if (!row || incident === null) return null;
  const latest = parsedJson(row.latestUpdate);
  return {
    incident: decodedRow(incident, INCIDENT),
    roles: decodedRows(row.roles, ROLE),
    workstreams: decodedRows(row.workstreams, WORKSTREAM),
    services: decodedRows(row.services, SERVICE),
    milestones: decodedRows(row.milestones, MILESTONE),
    latestUpdate: latest === null ? null : decodedRow(latest, LATEST_UPDATE),
  };
}
