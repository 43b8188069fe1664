// One timeline entry as the use cases read it: the event already parsed into the union.
import type { IncidentEvent } from "./events.ts";

export interface TimelineEntry {
  id: number;
  incidentId: number;
  workstreamId: number | null;
  occurredAt: Date;
  recordedAt: Date;
  actorId: string | null;
  text: string;
  event: IncidentEvent;
  tag: "cause" | "lesson" | null;
  sourceChannelId: string | null;
  sourceTs: string | null;
  permalink: string | null;
  dedupeKey: string | null;
}
