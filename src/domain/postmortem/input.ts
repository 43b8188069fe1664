// Everything the postmortem is built from, as plain data: the incident row, its timeline in
// `occurredAt` order, and the tables that hold current state (milestones, roles, workstreams,
// the recovery board, action items, handoffs), plus people's names and the generation time.
// The loader (src/db/queries/postmortem-input.ts) reads it from the database; tests build
// it by hand. Nothing here knows about Slack or Prisma.
import type { HandoffBrief } from "../handoff/brief.ts";
import type { Milestone } from "../incident/milestone.ts";

export interface PostmortemIncident {
  number: number;
  title: string;
  /** What was typed at declaration (may be empty). */
  summary: string;
  severity: number;
  peakSeverity: number;
  status: string;
  isPrivate: boolean;
  /** Regions and services named at declaration. */
  regions: string[];
  services: string[];
  declaredById: string;
  channelName: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  rootCause: string | null;
  customerImpact: string | null;
  lessons: string | null;
}

export interface PostmortemEntry {
  id: number;
  kind: string;
  occurredAt: Date;
  recordedAt: Date;
  actorId: string | null;
  workstreamId: number | null;
  text: string;
  /** The event as recorded (its shape depends on `kind`; read defensively). */
  data: unknown;
  tag: string | null;
  permalink: string | null;
}

/** A milestone as the draft reads it (which incident is known already). */
export type PostmortemMilestone = Omit<Milestone, "id" | "incidentId">;

export interface PostmortemRoleTerm {
  role: string;
  userId: string;
  workstreamId: number | null;
  startedAt: Date;
  endedAt: Date | null;
  handoffId: number | null;
}

export interface PostmortemWorkstream {
  id: number;
  name: string;
  status: string;
  createdAt: Date;
}

export interface PostmortemServiceStatus {
  service: string;
  /** "" when the status applies to every region. */
  region: string;
  phase: string;
  state: string;
  note: string;
  workstreamId: number | null;
  updatedAt: Date;
  recoveredAt: Date | null;
}

export interface PostmortemActionItem {
  id: number;
  text: string;
  ownerId: string | null;
  createdById: string;
  createdAt: Date;
  status: string;
  doneAt: Date | null;
}

export type { HandoffBrief };

export interface PostmortemHandoff {
  id: number;
  workstreamId: number | null;
  role: string;
  rotation: string | null;
  boundaryAt: Date | null;
  fromUserId: string | null;
  toUserId: string;
  state: string;
  promptedAt: Date;
  /** The stored brief (read defensively: it is JSON written by the handoff flow). */
  brief: unknown;
  briefedAt: Date | null;
  acceptedAt: Date | null;
  acceptedById: string | null;
  escalations: number;
}

/** Names for the given user IDs; IDs without a known name are left out. */
export type NameResolver = (userIds: string[]) => Promise<Map<string, string>>;

export interface PostmortemInput {
  incident: PostmortemIncident;
  /** In `occurredAt` order (ties by id). */
  entries: PostmortemEntry[];
  milestones: PostmortemMilestone[];
  roles: PostmortemRoleTerm[];
  workstreams: PostmortemWorkstream[];
  services: PostmortemServiceStatus[];
  actionItems: PostmortemActionItem[];
  handoffs: PostmortemHandoff[];
  /** Display names by user ID; anyone missing is shown as unnamed (never by ID). */
  userNames: ReadonlyMap<string, string>;
  /** User groups' handles or names by group ID ("@sre-us1"), when the loader knows them. */
  groupNames?: ReadonlyMap<string, string>;
  /** The one "now" in the document: when it was generated. */
  generatedAt: Date;
  /** IANA zone shown beside UTC (DISPLAY_TIME_ZONE), or null for UTC only. */
  displayTimeZone: string | null;
}
