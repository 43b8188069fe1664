// Reading an incident's timeline, from `/incident timeline` or its Earlier / Later buttons:
// who may read it (a private incident only its channel's members), which workstream, which page.
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../domain/errors.ts";
import { requireVisible } from "../visibility.ts";
import { requireNamedWorkstream } from "../workstreams.ts";
import { type PagePosition, type TimelinePageModel, timelinePage } from "./timeline-page.ts";

export interface ReadTimelineRequest {
  incidentId: number;
  viewerId: string;
  /** `--workstream eu1` names it; a page button carries its id. */
  workstream: { name: string } | { id: number } | null;
  since: Date | null;
  position: PagePosition;
}

export async function readTimeline(
  deps: ServiceDeps,
  request: ReadTimelineRequest,
): Promise<TimelinePageModel> {
  const incident = await deps.store.read.incidents.byId(request.incidentId);
  if (!incident) throw notFound("That incident no longer exists.");
  await requireVisible(
    deps,
    incident,
    request.viewerId,
    "This incident is private; only members of its channel can read its timeline.",
  );
  const ref = request.workstream;
  const workstream =
    ref === null
      ? null
      : "name" in ref
        ? await requireNamedWorkstream(deps.store.read.workstreams, incident.id, ref.name)
        : await deps.store.read.workstreams
            .byId(ref.id)
            .then((found) => (found?.incidentId === incident.id ? found : null));
  return timelinePage(deps, {
    incident,
    viewerId: request.viewerId,
    workstream,
    since: request.since,
    position: request.position,
  });
}
