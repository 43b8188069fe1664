// The tables of an incident's current state that a postmortem reads beside its timeline:
// milestones, role terms, workstreams, the recovery board, action items and handoffs, each in
// the order the draft reads it. On PostgreSQL in one statement, one round trip: six model
// queries in parallel each pay Prisma's compile, dispatch and row mapping on the one thread the
// timeline's 20,000 rows are being turned into objects on. SQLite answers in process, so it
// keeps the model queries.
import type {
  PostmortemActionItem,
  PostmortemHandoff,
  PostmortemInput,
  PostmortemMilestone,
  PostmortemRoleTerm,
  PostmortemServiceStatus,
  PostmortemWorkstream,
} from "../../domain/postmortem/input.ts";
import type { Db, Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";

/** The incident's state tables, as the draft's input holds them. */
export type PostmortemState = Pick<
  PostmortemInput,
  "milestones" | "roles" | "workstreams" | "services" | "actionItems" | "handoffs"
>;

export function readPostmortemState(
  db: Db | Tx,
  incidentId: number,
  provider?: Provider,
): Promise<PostmortemState> {
  return provider === "postgresql" ? readInOneStatement(db, incidentId) : readByModel(db, incidentId);
}

/** The fields the draft reads (input.ts), as model selections: the statement below builds the same. */
const MILESTONE = {
  name: true,
  occurredAt: true,
  setById: true,
  note: true,
  originalAt: true,
  correctedById: true,
  correctedAt: true,
} as const;
const ROLE = {
  role: true,
  userId: true,
  workstreamId: true,
  startedAt: true,
  endedAt: true,
  handoffId: true,
} as const;
const WORKSTREAM = { id: true, name: true, status: true, createdAt: true } as const;
const SERVICE = {
  service: true,
  region: true,
  phase: true,
  state: true,
  note: true,
  workstreamId: true,
  updatedAt: true,
  recoveredAt: true,
} as const;
const ACTION_ITEM = {
  id: true,
  text: true,
  ownerId: true,
  createdById: true,
  createdAt: true,
  status: true,
  doneAt: true,
} as const;
const HANDOFF = {
  id: true,
  workstreamId: true,
  role: true,
  rotation: true,
  boundaryAt: true,
  fromUserId: true,
  toUserId: true,
  state: true,
  promptedAt: true,
  brief: true,
  briefedAt: true,
  acceptedAt: true,
  acceptedById: true,
  escalations: true,
} as const;

async function readByModel(db: Db | Tx, incidentId: number): Promise<PostmortemState> {
  const where = { incidentId };
  const [milestones, roles, workstreams, services, actionItems, handoffs] = await Promise.all([
    db.milestone.findMany({ where, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], select: MILESTONE }),
    db.roleAssignment.findMany({ where, orderBy: [{ startedAt: "asc" }, { id: "asc" }], select: ROLE }),
    db.workstream.findMany({ where, orderBy: { id: "asc" }, select: WORKSTREAM }),
    db.serviceStatus.findMany({ where, orderBy: { id: "asc" }, select: SERVICE }),
    db.actionItem.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: ACTION_ITEM }),
    db.handoff.findMany({ where, orderBy: { id: "asc" }, select: HANDOFF }),
  ]);
  return { milestones, roles, workstreams, services, actionItems, handoffs };
}

/** A row as PostgreSQL's JSON writes it: its instants as text (the keys listed in K). */
type AsJson<T, K extends keyof T> = Omit<T, K> & { [P in K]: null extends T[P] ? string | null : string };

/**
 * TIMESTAMP(3) columns (no zone; Prisma stores UTC) come out of json_build_object in ISO 8601
 * without an offset ("2023-03-08T06:00:00.5"), whatever DateStyle says: read as UTC, as Prisma
 * reads the column.
 */
const at = (text: string): Date => new Date(`${text}Z`);
const atOrNull = (text: string | null): Date | null => (text === null ? null : at(text));

interface StateRow {
  milestones: AsJson<PostmortemMilestone, "occurredAt" | "originalAt" | "correctedAt">[];
  roles: AsJson<PostmortemRoleTerm, "startedAt" | "endedAt">[];
  workstreams: AsJson<PostmortemWorkstream, "createdAt">[];
  services: AsJson<PostmortemServiceStatus, "updatedAt" | "recoveredAt">[];
  actionItems: AsJson<PostmortemActionItem, "createdAt" | "doneAt">[];
  handoffs: AsJson<PostmortemHandoff, "boundaryAt" | "promptedAt" | "briefedAt" | "acceptedAt">[];
}

/**
 * One row of six JSON arrays, one per table, each built in the order and with the fields of
 * the model queries above; each subquery reads that table's rows of the incident.
 */
async function readInOneStatement(db: Db | Tx, incidentId: number): Promise<PostmortemState> {
  const [row] = await db.$queryRaw<StateRow[]>`
    SELECT
      (SELECT COALESCE(json_agg(json_build_object('name', t."name", 'occurredAt', t."occurredAt",
          'setById', t."setById", 'note', t."note", 'originalAt', t."originalAt",
          'correctedById', t."correctedById", 'correctedAt', t."correctedAt")
          ORDER BY t."occurredAt", t."id"), '[]')
        FROM "Milestone" t WHERE t."incidentId" = ${incidentId}) AS "milestones",
      (SELECT COALESCE(json_agg(json_build_object('role', t."role", 'userId', t."userId",
          'workstreamId', t."workstreamId", 'startedAt', t."startedAt", 'endedAt', t."endedAt",
          'handoffId', t."handoffId")
          ORDER BY t."startedAt", t."id"), '[]')
        FROM "RoleAssignment" t WHERE t."incidentId" = ${incidentId}) AS "roles",
      (SELECT COALESCE(json_agg(json_build_object('id', t."id", 'name', t."name", 'status', t."status",
          'createdAt', t."createdAt")
          ORDER BY t."id"), '[]')
        FROM "Workstream" t WHERE t."incidentId" = ${incidentId}) AS "workstreams",
      (SELECT COALESCE(json_agg(json_build_object('service', t."service", 'region', t."region",
          'phase', t."phase", 'state', t."state", 'note', t."note", 'workstreamId', t."workstreamId",
          'updatedAt', t."updatedAt", 'recoveredAt', t."recoveredAt")
          ORDER BY t."id"), '[]')
        FROM "ServiceStatus" t WHERE t."incidentId" = ${incidentId}) AS "services",
      (SELECT COALESCE(json_agg(json_build_object('id', t."id", 'text', t."text", 'ownerId', t."ownerId",
          'createdById', t."createdById", 'createdAt', t."createdAt", 'status', t."status",
          'doneAt', t."doneAt")
          ORDER BY t."createdAt", t."id"), '[]')
        FROM "ActionItem" t WHERE t."incidentId" = ${incidentId}) AS "actionItems",
      (SELECT COALESCE(json_agg(json_build_object('id', t."id", 'workstreamId', t."workstreamId",
          'role', t."role", 'rotation', t."rotation", 'boundaryAt', t."boundaryAt",
          'fromUserId', t."fromUserId", 'toUserId', t."toUserId", 'state', t."state",
          'promptedAt', t."promptedAt", 'brief', t."brief", 'briefedAt', t."briefedAt",
          'acceptedAt', t."acceptedAt", 'acceptedById', t."acceptedById", 'escalations', t."escalations")
          ORDER BY t."id"), '[]')
        FROM "Handoff" t WHERE t."incidentId" = ${incidentId}) AS "handoffs"`;
  if (!row) throw new Error("the postmortem state query returned no row");
  return {
    milestones: row.milestones.map((m) => ({
      ...m,
      occurredAt: at(m.occurredAt),
      originalAt: atOrNull(m.originalAt),
      correctedAt: atOrNull(m.correctedAt),
    })),
    roles: row.roles.map((r) => ({ ...r, startedAt: at(r.startedAt), endedAt: atOrNull(r.endedAt) })),
    workstreams: row.workstreams.map((w) => ({ ...w, createdAt: at(w.createdAt) })),
    services: row.services.map((s) => ({
      ...s,
      updatedAt: at(s.updatedAt),
      recoveredAt: atOrNull(s.recoveredAt),
    })),
    actionItems: row.actionItems.map((a) => ({
      ...a,
      createdAt: at(a.createdAt),
      doneAt: atOrNull(a.doneAt),
    })),
    handoffs: row.handoffs.map((h) => ({
      ...h,
      boundaryAt: atOrNull(h.boundaryAt),
      promptedAt: at(h.promptedAt),
      briefedAt: atOrNull(h.briefedAt),
      acceptedAt: atOrNull(h.acceptedAt),
    })),
  };
}
