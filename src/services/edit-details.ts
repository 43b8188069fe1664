// Editing an incident's title and summary after the declaration. Each change is recorded from →
// to; the topic, pinned summaries and announcement follow (their handlers); the channel name
// stays. A form carries a version of what it showed, so a form opened before someone else's
// edit says so instead of overwriting it.
import { createHash } from "node:crypto";
import type { ServiceDeps } from "../deps.ts";
import { TITLE_MAX } from "../domain/command/verbs/declare.ts";
import { SUMMARY_MAX } from "../domain/command/verbs/details.ts";
import { badInput, invalidState, notFound } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import { recordEvent } from "../events/record-event.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "./support.ts";
import { requireVisible } from "./visibility.ts";

export interface DetailsEdited {
  kind: "details_edited";
  incidentNumber: number;
  /** What this request changed (empty: it already read so). */
  changed: ("title" | "summary")[];
  title: string;
  summary: string;
}

export interface DetailsToEdit {
  incidentId: number;
  incidentNumber: number;
  title: string;
  summary: string;
  /** Identifies the title and summary shown: a later edit by someone else changes it. */
  version: string;
}

const HIDDEN = "That incident no longer exists.";

export const detailsVersion = (details: { title: string; summary: string }) =>
  createHash("sha256")
    .update(JSON.stringify([details.title, details.summary]))
    .digest("base64url")
    .slice(0, 16);

/** The title and summary as they are now, to prefill the form. */
export async function detailsToEdit(
  deps: ServiceDeps,
  input: { incidentId: number; actorId: string },
): Promise<DetailsToEdit> {
  const incident = await deps.store.read.incidents.byId(input.incidentId);
  if (!incident) throw notFound(HIDDEN);
  await requireVisible(deps, incident, input.actorId, HIDDEN);
  assertIncidentOpen(incident);
  return {
    incidentId: incident.id,
    incidentNumber: incident.number,
    title: incident.title,
    summary: incident.summary,
    version: detailsVersion(incident),
  };
}

export async function editDetails(
  deps: ServiceDeps,
  input: {
    incidentId: number;
    workstreamId: number | null;
    actorId: string;
    requestKey: string;
    title?: string;
    summary?: string;
    /** From a form: the version it showed (stale forms are refused). */
    version?: string;
    /** The form field a refusal belongs under. */
    field?: string;
  },
): Promise<DetailsEdited> {
  const title = input.title?.trim();
  const summary = input.summary?.trim();
  if (title !== undefined && !title) throw badInput("A title cannot be empty.", input.field);
  if (title && title.length > TITLE_MAX)
    throw badInput(`A title is at most ${TITLE_MAX} characters.`, input.field);
  if (summary && summary.length > SUMMARY_MAX)
    throw badInput(`A summary is at most ${SUMMARY_MAX} characters.`, input.field);
  const seen = await deps.store.read.incidents.byId(input.incidentId);
  if (!seen) throw notFound(HIDDEN);
  await requireVisible(deps, seen, input.actorId, HIDDEN);
  return runChange(deps, input.requestKey, async (repos) => {
    let incident = await lockedIncident(repos, input.incidentId);
    assertIncidentOpen(incident, "Its title and summary stay as they were in the postmortem.");
    if (input.version !== undefined && input.version !== detailsVersion(incident))
      throw invalidState(
        "Someone changed the title or summary after you opened this form; close it and open it again to see theirs. Nothing was recorded.",
      );
    const changed: DetailsEdited["changed"] = [];
    const meta = () => metaFor(deps, input.actorId, { workstreamId: input.workstreamId });
    if (title !== undefined && title !== incident.title) {
      const recorded = await recordEvent(
        repos,
        incident,
        { kind: "title_changed", from: incident.title, to: title },
        meta(),
        { context: effectContext(deps) },
      );
      incident = recorded.incident;
      changed.push("title");
    }
    if (summary !== undefined && summary !== incident.summary) {
      const recorded = await recordEvent(
        repos,
        incident,
        { kind: "summary_changed", from: incident.summary, to: summary },
        meta(),
        { context: effectContext(deps) },
      );
      incident = recorded.incident;
      changed.push("summary");
    }
    return {
      kind: "details_edited",
      incidentNumber: incident.number,
      changed,
      title: incident.title,
      summary: incident.summary,
    };
  });
}
