// The one-paragraph summary at the top of the draft, written from the recorded facts only:
// where and how bad, when (impact, detection, declaration, mitigation, resolution, backfill),
// and how many people responded over how many shifts. Plain text; escaped when rendered.
import { severityLabel } from "../incident/severity.ts";
import { formatDuration } from "../time/duration.ts";
import type { PostmortemDocument } from "./document.ts";
import { utc } from "./time.ts";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a, b and c", or "a, b, c and 4 more" past `max` names. */
export function listNames(names: string[], max = 5): string {
  if (names.length <= 1) return names.join("");
  const shown = names.length > max ? [...names.slice(0, max), `${names.length - max} more`] : names;
  return `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

export function summaryParagraph(doc: PostmortemDocument): string {
  const { incident, impact, response } = doc;
  const at = (iso: string) => utc(iso, doc.showDates);
  const sentences: string[] = [];

  const regions = impact.regions.filter((r) => r.name !== "").map((r) => r.name);
  const services = impact.services.map((s) => s.name);
  let what = `INC-${incident.number} "${incident.title}" was a ${severityLabel(incident.peakSeverity as 1)} incident`;
  if (regions.length)
    what += ` affecting ${plural(regions.length, "region or workstream", "regions and workstreams")} (${listNames(regions)})`;
  if (services.length)
    what += `${regions.length ? " and" : " affecting"} ${plural(services.length, "service")} (${listNames(services)})`;
  sentences.push(`${what}.`);

  const detected = doc.chronology.find((row) => row.kind === "milestone" && row.moment === "Detected");
  if (impact.began) {
    sentences.push(
      `Impact began at ${at(impact.began.at)}${detected ? `, was detected at ${at(detected.at)}` : ""}, and the incident was declared at ${at(incident.declaredAt)}.`,
    );
  } else {
    sentences.push(
      `The incident was declared at ${at(incident.declaredAt)}${detected ? ` after being detected at ${at(detected.at)}` : ""}; no impact start was recorded.`,
    );
  }

  const mitigated = impact.ended?.source === "mitigated" ? impact.ended : null;
  const since = incident.start.source === "impact-started" ? "impact began" : "it was declared";
  if (incident.end?.source === "resolved" && incident.durationMs !== null) {
    sentences.push(
      `${mitigated ? `It was mitigated at ${at(mitigated.at)} and resolved` : "It was resolved"} at ${at(incident.end.at)}, ${formatDuration(incident.durationMs)} after ${since}.`,
    );
  } else if (mitigated) {
    sentences.push(`It was mitigated at ${at(mitigated.at)}.`);
  }
  if (incident.status !== "resolved" && incident.status !== "closed")
    sentences.push(`It was still ${incident.status} when this draft was generated.`);
  if (impact.backfillComplete)
    sentences.push(`Historical data was complete again at ${at(impact.backfillComplete.at)}.`);

  const shifts = response.shifts.length;
  const commanders = incident.commanders.length;
  let who = `${plural(response.responders.count, "person", "people")} responded`;
  if (shifts > 1) who += ` across ${shifts} shifts`;
  if (commanders > 1) who += ` under ${commanders} incident commanders`;
  const updates = response.statusUpdates.count;
  who += updates ? `, and ${plural(updates, "status update")} went out.` : "; no status updates were posted.";
  sentences.push(who);
  return sentences.join(" ");
}
