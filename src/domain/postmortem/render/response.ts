// Response: responders, roles over time, workstreams, shifts and handoffs, status updates,
// the severity ledger and time on duty.
import type { PostmortemDocument } from "../document.ts";
import { codeSpan, escapeChars, escapeInline, prompt, table } from "../markdown.ts";
import { cadenceSummary } from "./cadence.ts";
import { duration, name, names, plural, severityWord, timeCells, timeHeaders, when } from "./format.ts";

/** Longer lists are cut in the Markdown (the JSON keeps them whole). */
const TIME_ON_DUTY_SHOWN = 25;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function responders(doc: PostmortemDocument): string {
  const r = doc.response.responders;
  const present = [
    r.invited ? `${r.invited} invited` : "",
    r.viaGroups
      ? `${r.viaGroups} of them through ${plural(r.groupsInvited - r.groupsNotCounted.length, "user group")}`
      : "",
    r.joined ? `${r.joined} joined by themselves` : "",
  ].filter(Boolean);
  const unnamed = r.groupsNotCounted.some((g) => !g.name.startsWith("user group "));
  const groups = unnamed ? plural(r.groupsNotCounted.length, "user group") : names(r.groupsNotCounted);
  const uncounted = r.groupsNotCounted.length
    ? ` The members of ${groups} were not recorded when invited, so they are not counted.`
    : "";
  return `**${plural(r.count, "person", "people")}** took part: ${r.acted} acted (wrote an update, a note or a pin, or changed something), ${r.heldRoles} held a role, ${r.present} were present${present.length ? ` (${present.join(", ")})` : ""}.${uncounted}`;
}

function roles(doc: PostmortemDocument): string {
  const rows = doc.response.roles;
  if (!rows.length) return prompt("No roles were recorded.");
  return table(
    ["Role", "Person", "From", "To", "Time in role"],
    rows.map((r) => [
      escapeInline(r.roleTitle.charAt(0).toUpperCase() + r.roleTitle.slice(1)),
      `${name(r.person)}${r.viaHandoff ? " (by handoff)" : ""}`,
      when(doc, r.from),
      r.to ? when(doc, r.to) : "end",
      duration(r.durationMs),
    ]),
  );
}

function workstreams(doc: PostmortemDocument): string {
  const rows = doc.response.workstreams;
  if (!rows.length) return "No workstreams: the incident was run as one.";
  return table(
    ["Workstream", "Status", "Leads (from)", "Opened", "Resolved"],
    rows.map((w) => [
      codeSpan(w.name, true),
      escapeChars(w.status),
      w.leads.length ? w.leads.map((l) => `${name(l.person)} (${when(doc, l.from)})`).join(", ") : "—",
      when(doc, w.createdAt),
      when(doc, w.resolvedAt),
    ]),
  );
}

function shiftsAndHandoffs(doc: PostmortemDocument): string {
  const { shifts, handoffs } = doc.response;
  const parts: string[] = [];
  parts.push(
    table(
      ["Shift", "Incident commander", "From", "To", "Length"],
      shifts.map((s) => [
        String(s.number),
        name(s.commander),
        when(doc, s.from),
        s.to ? when(doc, s.to) : "end",
        duration(s.durationMs),
      ]),
    ),
  );
  if (!handoffs.length) {
    parts.push("No structured handoffs were recorded.");
    return parts.join("\n\n");
  }
  const latencies = handoffs.flatMap((h) => (h.latencyMs === null ? [] : [h.latencyMs]));
  const slowest = handoffs.reduce<(typeof handoffs)[number] | null>(
    (worst, h) => (h.latencyMs !== null && (!worst || h.latencyMs > (worst.latencyMs ?? -1)) ? h : worst),
    null,
  );
  const escalated = handoffs.filter((h) => h.escalations > 0).length;
  const pending = handoffs.filter((h) => !h.acceptedAt).length;
  const summary = [
    `${plural(handoffs.length, "handoff")}`,
    latencies.length ? `median time to accept ${duration(median(latencies))}` : "",
    slowest?.latencyMs != null
      ? `slowest ${duration(slowest.latencyMs)} (${escapeInline(slowest.roleTitle)})`
      : "",
    escalated ? `${escalated} escalated` : "none escalated",
    pending ? `${pending} never accepted` : "",
  ].filter(Boolean);
  parts.push(`${summary.join("; ")}.`);
  parts.push(
    table(
      ["Role", "From", "To", "Due", "Accepted", "Time to accept", "Escalations"],
      handoffs.map((h) => [
        escapeInline(h.roleTitle) + (h.manual ? " (by hand)" : ""),
        name(h.from),
        name(h.to),
        when(doc, h.boundaryAt ?? h.promptedAt),
        h.acceptedAt
          ? `${when(doc, h.acceptedAt)}${h.acceptedBy && h.acceptedBy.id !== h.to.id ? ` by ${name(h.acceptedBy)}` : ""}`
          : `not accepted (${escapeChars(h.state)})`,
        duration(h.latencyMs),
        h.escalations ? `${h.escalations}${h.escalatedTo.length ? ` (${names(h.escalatedTo)})` : ""}` : "—",
      ]),
    ),
  );
  return parts.join("\n\n");
}

function statusUpdates(doc: PostmortemDocument): string {
  const u = doc.response.statusUpdates;
  if (!u.count)
    return prompt(
      "No status updates were posted with /incident update. Were stakeholders told some other way?",
    );
  const parts = [`**${plural(u.count, "status update")}** went out`];
  if (u.first && u.declaredToFirstMs !== null)
    parts.push(
      `the first ${duration(Math.max(0, u.declaredToFirstMs))} after the declaration (${when(doc, u.first)})`,
    );
  if (u.longestGap)
    parts.push(
      `the longest gap between two was ${duration(u.longestGap.ms)} (${when(doc, u.longestGap.from)} → ${when(doc, u.longestGap.to)})`,
    );
  return `${parts.join("; ")}.`;
}

function severityLedger(doc: PostmortemDocument): string {
  const rows = doc.response.severityLedger;
  if (!rows.length) return prompt("No severity was recorded.");
  return table(
    [...timeHeaders(doc), "Severity", "By", "Reason"],
    rows.map((r) => [
      ...timeCells(doc, r.at),
      r.from === null
        ? `${severityWord(r.to)} (declared)`
        : `${severityWord(r.from)} → ${severityWord(r.to)}`,
      name(r.by),
      r.from === null ? "" : escapeInline(r.reason),
    ]),
  );
}

function timeOnDuty(doc: PostmortemDocument): string {
  const rows = doc.response.timeOnDuty;
  if (!rows.length) return "";
  const shown = rows.slice(0, TIME_ON_DUTY_SHOWN);
  const more =
    rows.length > shown.length ? `\n\n…and ${rows.length - shown.length} more (see the JSON export).` : "";
  return `${table(
    ["Person", "Time holding a role"],
    shown.map((r) => [name(r.person), duration(r.ms)]),
  )}${more}`;
}

export function responseSection(doc: PostmortemDocument): string {
  const parts = [
    ["Responders", responders(doc)],
    ["Roles", roles(doc)],
    ["Workstreams and leads", workstreams(doc)],
    ["Shifts and handoffs", shiftsAndHandoffs(doc)],
    ["Status updates", [statusUpdates(doc), cadenceSummary(doc)].filter(Boolean).join("\n\n")],
    ["Severity ledger", severityLedger(doc)],
    ["Time on duty", timeOnDuty(doc)],
  ].filter(([, body]) => body);
  return parts.map(([title, body]) => `#### ${title}\n\n${body}`).join("\n\n");
}
