// One page of an incident's timeline for one viewer: which entries, and in which time zone.

import type { Repositories } from "../../db/repositories/store.ts";
import type { TimelineFilter } from "../../db/repositories/timeline.ts";
import type { ServiceDeps } from "../../deps.ts";
import { badInput } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import type { Workstream } from "../../domain/incident/workstream.ts";
import { ACCESS_KINDS, accessRecord, describeAccess } from "../../domain/timeline/access-record.ts";
import { TIMELINE_PAGE_SIZE } from "../../domain/timeline/page-size.ts";
import type { Phrase } from "../../domain/timeline/phrase.ts";
import { SLACK_READ_DEADLINE_MS, within } from "../deadline.ts";

export type TimelinePageEntry = Awaited<ReturnType<Repositories["views"]["timelinePage"]>>[number];

export interface TimelinePageModel {
  incident: { id: number; number: number; title: string };
  /** The page: at most TIMELINE_PAGE_SIZE entries, oldest first. */
  entries: TimelinePageEntry[];
  /** Position of the first entry of the page among all matching entries. */
  offset: number;
  total: number;
  workstream: { id: number; name: string } | null;
  since: Date | null;
  workstreamNames: ReadonlyMap<number, string>;
  /** The viewer's IANA time zone (users.info tz). */
  viewerZone: string;
  /**
   * A private incident's access record, by the entry that added people ("Added 12 people (2
   * groups)"): shown on that entry's line. Empty for public incidents.
   */
  access?: ReadonlyMap<number, Phrase>;
}

export type PagePosition =
  /** The most recent page (the default). */
  | { kind: "latest" }
  /** From the first matching entry (`--all`, `--since`). */
  | { kind: "start" }
  /** 1-based page counted from the first entry (`--page N`). */
  | { kind: "page"; page: number }
  /** An exact position (the Earlier / Later buttons). */
  | { kind: "offset"; offset: number; limit: number };

export interface TimelinePageRequest {
  incident: Incident;
  viewerId: string;
  workstream: Workstream | null;
  since: Date | null;
  position: PagePosition;
}

function offsetOf(position: PagePosition, total: number): number {
  switch (position.kind) {
    case "latest":
      return Math.max(0, total - TIMELINE_PAGE_SIZE);
    case "start":
      return 0;
    case "page": {
      const pages = Math.max(1, Math.ceil(total / TIMELINE_PAGE_SIZE));
      if (position.page > pages)
        throw badInput(
          `There ${pages === 1 ? "is 1 page" : `are ${pages} pages`} of ${total} entries; ask for page 1 to ${pages}.`,
        );
      return (position.page - 1) * TIMELINE_PAGE_SIZE;
    }
    case "offset":
      return Math.min(Math.max(0, Math.floor(position.offset)), Math.max(0, total - 1));
  }
}

export async function timelinePage(
  deps: ServiceDeps,
  request: TimelinePageRequest,
): Promise<TimelinePageModel> {
  const { read } = deps.store;
  const filter: TimelineFilter = {
    incidentId: request.incident.id,
    workstreamId: request.workstream?.id ?? null,
    since: request.since,
  };
  const [total, viewer, workstreams] = await Promise.all([
    read.timeline.count(filter),
    // The viewer's zone is a nicety beside UTC: never worth missing Slack's deadline for.
    within(deps.directory.user(request.viewerId), SLACK_READ_DEADLINE_MS),
    read.workstreams.ofIncident(request.incident.id),
  ]);
  const offset = offsetOf(request.position, total);
  const limit =
    request.position.kind === "offset"
      ? Math.min(Math.max(1, request.position.limit), TIMELINE_PAGE_SIZE)
      : TIMELINE_PAGE_SIZE;
  const entries = await read.views.timelinePage(filter, offset, limit);
  const names = new Map(workstreams.map((w) => [w.id, w.name]));
  let access: Map<number, Phrase> | undefined;
  if (request.incident.isPrivate) {
    const added = await read.timeline.ofKinds(request.incident.id, [...ACCESS_KINDS]);
    const record = accessRecord(
      added.map((entry) => ({ ...entry, kind: entry.event.kind, data: entry.event })),
    );
    access = new Map(
      record.map((line) => [line.entryId, describeAccess(line, (id) => names.get(id) ?? null)]),
    );
  }
  return {
    incident: request.incident,
    entries,
    offset,
    total,
    workstream: request.workstream ? { id: request.workstream.id, name: request.workstream.name } : null,
    since: request.since,
    workstreamNames: names,
    viewerZone: viewer?.tz || "UTC",
    ...(access ? { access } : {}),
  };
}
