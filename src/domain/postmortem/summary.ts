// The one-paragraph summary at the top of the draft, written from the recorded facts only:
// where and how bad, when (impact, detection, declaration, mitigation, resolution, backfill),
// and how many people responded over how many shifts. Plain text; escaped when rendered.
// The sentences are the draft language's (locale/*.ts).
import { formatDuration } from "../time/duration.ts";
import type { PostmortemDocument } from "./document.ts";
import { catalogue } from "./locale/index.ts";
import { utc } from "./time.ts";

export function summaryParagraph(doc: PostmortemDocument): string {
  const { incident, impact, response } = doc;
  const t = catalogue(doc.locale);
  const s = t.summary;
  const at = (iso: string) => utc(iso, doc.showDates);
  const sentences: string[] = [];

  const regions = impact.regions.filter((r) => r.name !== "").map((r) => r.name);
  const services = impact.services.map((x) => x.name);
  const sev = t.severity(incident.peakSeverity, t.severityNames[incident.peakSeverity] ?? "");
  sentences.push(s.what(incident.number, incident.title, sev, regions, services, (names) => s.names(names)));

  const detected = doc.chronology.find(
    (row) => row.kind === "milestone" && row.moment === t.build.milestones.detected,
  );
  sentences.push(
    impact.began
      ? s.began(at(impact.began.at), detected ? at(detected.at) : null, at(incident.declaredAt))
      : s.declared(at(incident.declaredAt), detected ? at(detected.at) : null),
  );

  const mitigated = impact.ended?.source === "mitigated" ? impact.ended : null;
  if (incident.end?.source === "resolved" && incident.durationMs !== null) {
    sentences.push(
      s.resolved(
        mitigated ? at(mitigated.at) : null,
        at(incident.end.at),
        formatDuration(incident.durationMs, t.duration),
        incident.start.source === "impact-started",
      ),
    );
  } else if (mitigated) sentences.push(s.mitigated(at(mitigated.at)));
  if (incident.status !== "resolved" && incident.status !== "closed")
    sentences.push(s.still(incident.status));
  if (impact.backfillComplete) sentences.push(s.backfill(at(impact.backfillComplete.at)));
  sentences.push(
    s.who(
      response.responders.count,
      response.shifts.length,
      incident.commanders.length,
      response.statusUpdates.count,
    ),
  );
  return sentences.join(" ");
}
