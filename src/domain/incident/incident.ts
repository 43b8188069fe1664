// An incident as the use cases see it: enums already parsed, lists already lists. The
// repositories (src/db/repositories) build these from rows; nothing here knows the database.
import type { Severity } from "./severity.ts";
import type { Status } from "./status.ts";

export interface Incident {
  id: number;
  number: number;
  title: string;
  summary: string;
  severity: Severity;
  /** The worst severity the incident ever had (for the postmortem). */
  peakSeverity: Severity;
  status: Status;
  isPrivate: boolean;
  regions: string[];
  services: string[];
  declaredById: string;
  channelId: string | null;
  channelName: string | null;
  /** Last topic the bot set. */
  topic: string | null;
  summaryTs: string | null;
  boardTs: string | null;
  announceTs: string | null;
  rotation: string | null;
  lastUpdateAt: Date | null;
  updateCount: number;
  remindersSnoozedUntil: Date | null;
  rootCause: string | null;
  customerImpact: string | null;
  lessons: string | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** Made public on the status page (`/incident publish` or the first public update). */
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What an incident is declared with: stored on it and recorded in its `incident_declared` event. */
export interface DeclaredFacts {
  number: number;
  title: string;
  summary: string;
  severity: Severity;
  isPrivate: boolean;
  regions: string[];
  services: string[];
  channelName: string;
}

/** What declaring writes; everything else starts empty. */
export interface NewIncident extends DeclaredFacts {
  declaredById: string;
  at: Date;
}
