// Response: responders, roles over time, workstreams, shifts and handoffs, status updates,
// the severity ledger and time on duty.
import type { PostmortemDocument } from "../document.ts";
import { codeSpan, escapeChars, escapeInline, prompt, table } from "../markdown.ts";
import { cadenceSummary } from "./cadence.ts";
import { duration, name, names, phrases, severityWord, timeCells, timeHeaders, when } from "./format.ts";

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
  const w = phrases(doc).response;
  const present = [
    r.invited ? w.invited(r.invited) : "",
    r.viaGroups ? w.viaGroups(r.viaGroups, r.groupsInvited - r.groupsNotCounted.length) : "",
    r.joined ? w.joined(r.joined) : "",
  ].filter(Boolean);
  const unnamed = r.groupsNotCounted.some((g) => g.name === phrases(doc).build.userGroup(null));
  const groups = unnamed ? w.userGroups(r.groupsNotCounted.length) : names(r.groupsNotCounted);
  const uncounted = r.groupsNotCounted.length ? ` ${w.groupsNotCounted(groups)}` : "";
  return `${w.tookPart(w.people(r.count), r.acted, r.heldRoles, r.present, present.join(", "))}${uncounted}`;
}

function roles(doc: PostmortemDocument): string {
  const rows = doc.response.roles;
  const t = phrases(doc);
  if (!rows.length) return prompt(t.response.noRoles);
  return table(
    t.response.roleColumns,
    rows.map((r) => [
      escapeInline(r.roleTitle.charAt(0).toUpperCase() + r.roleTitle.slice(1)),
      `${name(r.person)}${r.viaHandoff ? t.response.byHandoff : ""}`,
      when(doc, r.from),
      r.to ? when(doc, r.to) : t.end,
      duration(doc, r.durationMs),
    ]),
  );
}

function workstreams(doc: PostmortemDocument): string {
  const rows = doc.response.workstreams;
  const t = phrases(doc);
  if (!rows.length) return t.response.noWorkstreams;
  return table(
    t.response.workstreamColumns,
    rows.map((w) => [
      codeSpan(w.name, true),
      escapeChars(t.word(w.status)),
      w.leads.length ? w.leads.map((l) => `${name(l.person)} (${when(doc, l.from)})`).join(", ") : "—",
      when(doc, w.createdAt),
      when(doc, w.resolvedAt),
    ]),
  );
}

function shiftsAndHandoffs(doc: PostmortemDocument): string {
  const { shifts, handoffs } = doc.response;
  const t = phrases(doc);
  const parts: string[] = [];
  parts.push(
    table(
      t.response.shiftColumns,
      shifts.map((s) => [
        String(s.number),
        name(s.commander),
        when(doc, s.from),
        s.to ? when(doc, s.to) : t.end,
        duration(doc, s.durationMs),
      ]),
    ),
  );
  if (!handoffs.length) {
    parts.push(t.response.noHandoffs);
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
    t.response.handoffs(handoffs.length),
    latencies.length ? t.response.medianAccept(duration(doc, median(latencies))) : "",
    slowest?.latencyMs != null
      ? t.response.slowest(duration(doc, slowest.latencyMs), escapeInline(slowest.roleTitle))
      : "",
    t.response.escalated(escalated),
    pending ? t.response.neverAccepted(pending) : "",
  ].filter(Boolean);
  parts.push(`${summary.join("; ")}.`);
  parts.push(
    table(
      t.response.handoffColumns,
      handoffs.map((h) => [
        escapeInline(h.roleTitle) + (h.manual ? t.response.byHand : ""),
        name(h.from),
        name(h.to),
        when(doc, h.boundaryAt ?? h.promptedAt),
        h.acceptedAt
          ? `${when(doc, h.acceptedAt)}${h.acceptedBy && h.acceptedBy.id !== h.to.id ? t.response.acceptedBy(name(h.acceptedBy)) : ""}`
          : t.response.notAccepted(escapeChars(t.word(h.state))),
        duration(doc, h.latencyMs),
        h.escalations ? `${h.escalations}${h.escalatedTo.length ? ` (${names(h.escalatedTo)})` : ""}` : "—",
      ]),
    ),
  );
  return parts.join("\n\n");
}

function statusUpdates(doc: PostmortemDocument): string {
  const u = doc.response.statusUpdates;
  if (!u.count) return prompt(phrases(doc).response.noUpdates);
  const w = phrases(doc).response;
  const parts = [w.updatesWentOut(u.count)];
  if (u.first && u.declaredToFirstMs !== null)
    parts.push(w.firstAfter(duration(doc, Math.max(0, u.declaredToFirstMs)), when(doc, u.first)));
  if (u.longestGap)
    parts.push(
      w.longestGap(duration(doc, u.longestGap.ms), when(doc, u.longestGap.from), when(doc, u.longestGap.to)),
    );
  return `${parts.join("; ")}.`;
}

function severityLedger(doc: PostmortemDocument): string {
  const rows = doc.response.severityLedger;
  const w = phrases(doc).response;
  if (!rows.length) return prompt(w.noSeverity);
  return table(
    [...timeHeaders(doc), ...w.ledgerColumns],
    rows.map((r) => [
      ...timeCells(doc, r.at),
      r.from === null
        ? `${severityWord(r.to)} (${w.declared})`
        : `${severityWord(r.from)} → ${severityWord(r.to)}`,
      name(r.by),
      r.from === null ? "" : escapeInline(r.reason),
    ]),
  );
}

const PAGERS: Record<string, string> = { pagerduty: "PagerDuty", opsgenie: "Opsgenie", webhook: "webhook" };

/** Pages, with time to acknowledge and its median; nothing when nobody was paged. */
function pages(doc: PostmortemDocument): string {
  const rows = doc.response.pages ?? [];
  if (!rows.length) return "";
  const w = phrases(doc).response;
  const acknowledged = rows.flatMap((r) => (r.timeToAcknowledgeMs === null ? [] : [r.timeToAcknowledgeMs]));
  const middle = median(acknowledged);
  const summary = w.pagesSummary(
    rows.length,
    acknowledged.length,
    middle === null ? null : duration(doc, middle),
  );
  return `${summary}\n\n${table(
    [...timeHeaders(doc), ...w.pageColumns],
    rows.map((r) => [
      ...timeCells(doc, r.at),
      r.person ? name(r.person) : codeSpan(r.team ?? "?", true),
      escapeInline(r.reason),
      r.acknowledgedAt
        ? `${duration(doc, r.timeToAcknowledgeMs)}${r.acknowledgedBy ? w.acknowledgedBy(name(r.acknowledgedBy)) : ""}`
        : w.notAcknowledged,
      when(doc, r.resolvedAt),
      r.refusedBy.map((p) => PAGERS[p] ?? escapeChars(p)).join(", "),
    ]),
  )}`;
}

function timeOnDuty(doc: PostmortemDocument): string {
  const rows = doc.response.timeOnDuty;
  if (!rows.length) return "";
  const shown = rows.slice(0, TIME_ON_DUTY_SHOWN);
  const more =
    rows.length > shown.length ? `\n\n${phrases(doc).response.andMore(rows.length - shown.length)}` : "";
  return `${table(
    phrases(doc).response.dutyColumns,
    shown.map((r) => [name(r.person), duration(doc, r.ms)]),
  )}${more}`;
}

export function responseSection(doc: PostmortemDocument): string {
  const w = phrases(doc).response;
  const parts = [
    [w.responders, responders(doc)],
    [w.roles, roles(doc)],
    [w.workstreams, workstreams(doc)],
    [w.shifts, shiftsAndHandoffs(doc)],
    [w.pages, pages(doc)],
    [w.updates, [statusUpdates(doc), cadenceSummary(doc)].filter(Boolean).join("\n\n")],
    [w.ledger, severityLedger(doc)],
    [w.duty, timeOnDuty(doc)],
  ].filter(([, body]) => body);
  return parts.map(([title, body]) => `#### ${title}\n\n${body}`).join("\n\n");
}
