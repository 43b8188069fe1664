// The postmortem draft as structured data: the JSON export, and what the Markdown renderer
// (render-markdown.ts) turns into text. Times are ISO 8601 instants (UTC); durations are
// milliseconds. Text someone typed is kept verbatim here and escaped only when rendered.

import type { Locale } from "./locale/index.ts";

export const POSTMORTEM_FORMAT = "incident-bot.postmortem/1";

export interface Person {
  id: string;
  /** Display name, or the ID when the name is unknown. */
  name: string;
}

/**
 * A sentence as data: plain words (trusted), a person, text someone typed, an identifier
 * (service, region, milestone) or emphasis. Concatenating the parts gives the plain text.
 */
export type RichPart =
  | string
  | { person: Person }
  | { typed: string }
  | { code: string }
  | { strong: string };
export type RichText = RichPart[];

export interface Moment {
  at: string;
  /** Where the time comes from, e.g. the milestone `impact-started`. */
  source: string;
}

export interface IncidentFacts {
  number: number;
  title: string;
  status: string;
  severity: number;
  peakSeverity: number;
  isPrivate: boolean;
  channelName: string | null;
  declaredSummary: string;
  declaredAt: string;
  /** Impact start when recorded, else the declaration. */
  start: Moment;
  /** Resolution, else closure; null while neither happened. */
  end: Moment | null;
  durationMs: number | null;
  closedAt: string | null;
  /** Incident commanders, in the order they first held command. */
  commanders: Person[];
  /** The incident's internal web page (Sign in with Slack), when the bot serves one. */
  pageUrl?: string;
}

export interface RegionImpact {
  /** "" stands for "all regions". */
  name: string;
  isWorkstream: boolean;
  workstreamStatus: string | null;
  leads: Person[];
  services: string[];
}

export interface ImpactSection {
  regions: RegionImpact[];
  services: { name: string; regions: string[] }[];
  began: Moment | null;
  ended: Moment | null;
  backfillComplete: Moment | null;
  customerImpact: string | null;
}

export interface ChronologyRow {
  at: string;
  kind: string;
  moment: string;
  details: RichText;
  actor: Person | null;
}

export interface RoleTermRow {
  role: string;
  roleTitle: string;
  workstream: string | null;
  person: Person;
  from: string;
  to: string | null;
  durationMs: number;
  viaHandoff: boolean;
}

export interface WorkstreamRow {
  name: string;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
  leads: { person: Person; from: string; to: string | null }[];
}

export interface ShiftRow {
  number: number;
  commander: Person;
  from: string;
  to: string | null;
  durationMs: number;
}

export interface HandoffRow {
  id: number;
  role: string;
  roleTitle: string;
  workstream: string | null;
  rotation: string | null;
  from: Person | null;
  to: Person;
  boundaryAt: string | null;
  promptedAt: string | null;
  briefedAt: string | null;
  acceptedAt: string | null;
  acceptedBy: Person | null;
  latencyMs: number | null;
  escalations: number;
  escalatedTo: Person[];
  state: string;
  manual: boolean;
}

export interface CadenceBreach {
  /** The last update before the silence (or the declaration). */
  silentFrom: string;
  /** The update that ended it, or the end of the severity period. */
  silentTo: string;
  silenceMs: number;
  /** When the next update was due under this period's cadence. */
  dueAt: string;
  overdueMs: number;
  endedByUpdate: boolean;
}

export interface CadencePeriod {
  severity: number;
  from: string;
  to: string;
  /** null: no cadence at this severity. */
  cadenceMs: number | null;
  updates: number;
  breaches: CadenceBreach[];
}

export interface SeverityLedgerRow {
  at: string;
  from: number | null;
  to: number;
  by: Person | null;
  reason: string;
}

/** A page sent outside Slack (PagerDuty, Opsgenie, webhook) and how it was answered. */
export interface PageRow {
  at: string;
  /** The paged person, or null for a team. */
  person: Person | null;
  team: string | null;
  reason: string;
  /** "command" | "severity" | "handoff" */
  source: string;
  acknowledgedAt: string | null;
  acknowledgedBy: Person | null;
  timeToAcknowledgeMs: number | null;
  resolvedAt: string | null;
  /** Pagers that refused it (pagerduty, opsgenie, webhook). */
  refusedBy: string[];
}

export interface ResponseSection {
  responders: {
    /** Everyone who acted, held a role or was present. */
    count: number;
    /** Wrote an update, a note or a pin, or changed something (pressing Join is not acting). */
    acted: number;
    heldRoles: number;
    /** Invited, joined by themselves, or members of an invited user group (when recorded). */
    present: number;
    /** Brought in by someone else, group members included. */
    invited: number;
    joined: number;
    /** Members of invited user groups, counted when the invite recorded them. */
    viaGroups: number;
    groupsInvited: number;
    /** Invited groups whose members were not recorded (so not counted). */
    groupsNotCounted: Person[];
    people: Person[];
  };
  roles: RoleTermRow[];
  workstreams: WorkstreamRow[];
  shifts: ShiftRow[];
  handoffs: HandoffRow[];
  /** Pages sent outside Slack, oldest first (absent in drafts made before paging existed). */
  pages?: PageRow[];
  statusUpdates: {
    count: number;
    first: string | null;
    last: string | null;
    declaredToFirstMs: number | null;
    longestGap: { from: string; to: string; ms: number } | null;
    /** Each severity period with its update cadence and the silences that broke it. */
    cadence: CadencePeriod[];
  };
  severityLedger: SeverityLedgerRow[];
  timeOnDuty: { person: Person; ms: number }[];
}

export interface TaggedNote {
  at: string;
  author: Person | null;
  workstream: string | null;
  text: string;
}

export interface NotesSection {
  statement: string | null;
  entries: TaggedNote[];
  /** Questions for the authors, when nothing was recorded. */
  prompts: string[];
}

export interface RegionRecovery {
  region: string;
  workstreamStatus: string | null;
  workstreamResolvedAt: string | null;
  firstRecoveryAt: string | null;
  liveRecoveredAt: string | null;
  liveNotRecovered: string[];
  backfillCompleteAt: string | null;
  backfillNotComplete: string[];
  regressions: number;
}

export interface ServiceRecovery {
  service: string;
  region: string;
  phase: string;
  firstReportedAt: string | null;
  worstState: string | null;
  recoveringAt: string | null;
  recoveredAt: string | null;
  state: string;
  note: string;
  /** How many times it broke again after recovering. */
  regressions: number;
}

/** Something that had recovered broke again (recovered → degraded or outage). */
export interface RegressionRow {
  at: string;
  service: string;
  region: string;
  phase: string;
  /** When it had recovered before breaking again. */
  recoveredAt: string;
  to: string;
  reportedBy: Person | null;
  note: string;
}

export interface RecoverySection {
  regions: RegionRecovery[];
  services: ServiceRecovery[];
  regressions: RegressionRow[];
}

export interface ActionItemRow {
  number: number;
  id: number;
  text: string;
  owner: Person | null;
  status: string;
  createdAt: string;
  createdBy: Person;
}

export interface MetricRow {
  name: string;
  from: { name: string; at: string | null };
  to: { name: string; at: string | null };
  ms: number | null;
}

export interface MetricsSection {
  metrics: MetricRow[];
  /** Milestones that were not recorded, with the metrics they would have given. */
  missing: { milestone: string; metrics: string[] }[];
  /** How many times the incident was resolved (reopened in between): time to resolve is to the first. */
  resolutions: number;
}

export interface BriefView {
  author: Person | null;
  at: string | null;
  currentState: string;
  triedOrRuledOut: string;
  openActions: string;
  risks: string;
  nextCheckpoint: string;
}

export interface ShiftChapter {
  number: number;
  commander: Person;
  from: string;
  to: string | null;
  durationMs: number;
  entries: number;
  statusUpdates: number;
  severityChanges: number;
  handedTo: Person | null;
  brief: BriefView | null;
  workstreamHandoffs: {
    workstream: string | null;
    role: string;
    from: Person | null;
    to: Person;
    at: string;
    brief: BriefView | null;
  }[];
}

export interface GanttChart {
  /** Mermaid `gantt` source (without the ``` fence). */
  mermaid: string;
  bars: number;
  omitted: number;
}

export interface TimelineRow {
  id: number;
  at: string;
  /** Set when the entry was recorded noticeably later than it happened (backdated). */
  recordedAt: string | null;
  actor: Person | null;
  workstream: string | null;
  kind: string;
  tag: string | null;
  text: string;
  rich: RichText;
  permalink: string | null;
  /** Set when the row stands for several entries (a run of joins). */
  entries?: number;
}

/** One action that added people to a private incident's channels (domain/timeline/access-record.ts). */
export interface AccessRow {
  at: string;
  actor: Person | null;
  what: RichText;
}

export interface PostmortemDocument {
  format: typeof POSTMORTEM_FORMAT;
  /** The language of the draft's own words (POSTMORTEM_LOCALE); typed text is as typed. */
  locale: Locale;
  generatedAt: string;
  displayTimeZone: string | null;
  /** Times carry their date when the incident spans more than one day. */
  showDates: boolean;
  incident: IncidentFacts;
  summary: string;
  impact: ImpactSection;
  chronology: ChronologyRow[];
  response: ResponseSection;
  rootCause: NotesSection;
  recovery: RecoverySection;
  lessons: NotesSection;
  actionItems: ActionItemRow[];
  closing: { prompt: string };
  appendix: {
    metrics: MetricsSection;
    shifts: ShiftChapter[];
    gantt: GanttChart;
    timeline: TimelineRow[];
    /** Private incidents only (null otherwise): who was added, by whom, when. */
    access: AccessRow[] | null;
  };
}
