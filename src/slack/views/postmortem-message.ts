// The short message that comes with an uploaded postmortem draft: the headline facts, what
// is still missing, and how to get exactly the same draft without Slack.

import { severityLabel } from "../../domain/incident/severity.ts";
import type { PostmortemDocument } from "../../domain/postmortem/document.ts";
import { FIRST_UPDATE } from "../../domain/postmortem/sections/metrics.ts";
import { escapeMrkdwn } from "../../domain/text/mrkdwn.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { formatDuration } from "../../domain/time/duration.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { messageText } from "./blocks.ts";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function postmortemMessage(doc: PostmortemDocument, reason: "close" | "request"): string {
  const { incident, response } = doc;
  const facts = [
    `${severityLabel(incident.peakSeverity as 1)} at peak`,
    incident.durationMs !== null && incident.end
      ? `${formatDuration(incident.durationMs)} from ${incident.start.source === "impact-started" ? "impact" : "declaration"} to ${incident.end.source === "resolved" ? "resolution" : "closure"}`
      : `still ${incident.status}`,
    plural(response.responders.count, "responder"),
    plural(response.shifts.length, "shift"),
    plural(response.statusUpdates.count, "status update"),
    plural(doc.actionItems.length, "action item"),
  ];
  const rootCause = doc.rootCause.statement
    ? `*Root cause:* ${escapeMrkdwn(truncate(doc.rootCause.statement.replace(/\s+/g, " "), 300))}`
    : "*Root cause:* _not written yet_ (the draft lists questions to answer)";
  const missing = doc.appendix.metrics.missing
    .filter((m) => m.milestone !== FIRST_UPDATE)
    .map((m) => `\`${m.milestone}\``);
  const lines = [
    `:page_facing_up: *Postmortem draft of INC-${incident.number}*${reason === "close" ? " (incident closed)" : ""}: ${escapeMrkdwn(truncate(incident.title, 150))}`,
    facts.join(" · "),
    rootCause,
    ...(missing.length
      ? [
          `*Not recorded:* ${missing.join(", ")}; record them with \`/incident milestone <name> --at <time>\` and run \`/incident postmortem\` again.`,
        ]
      : []),
    `Edit the attached Markdown (or the canvas) to finish it. The same draft from the database, without Slack: \`npm run postmortem -- ${incident.number} --generated-at ${doc.generatedAt}\` (generated ${formatUtc(new Date(doc.generatedAt), true)}).`,
  ];
  return messageText(lines.join("\n"));
}
