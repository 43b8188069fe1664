// A regional or functional workstream of an incident, with its own status (and lead, kept in
// the role history) and optionally its own channel.
import type { Incident } from "./incident.ts";
import type { Status } from "./status.ts";

export interface Workstream {
  id: number;
  incidentId: number;
  name: string;
  status: Status;
  wantChannel: boolean;
  channelId: string | null;
  channelName: string | null;
  topic: string | null;
  summaryTs: string | null;
  rotation: string | null;
  createdById: string;
  createdAt: Date;
  /** The workstream this one is under (a region over its workstreams), or null. */
  parentId: number | null;
}

/** Where a command acts: an incident, or one of its workstreams. */
export interface IncidentScope {
  incident: Incident;
  workstream: Workstream | null;
}
