// The key moments, in the order they happened: impact, detection, declaration, severity
// changes, the first status update, milestones, command changes, the first sign of recovery,
// mitigation, resolution, backfill and closure.
import { earlierResolutionOrdinal } from "../../incident/resolutions.ts";
import { truncate } from "../../text/truncate.ts";
import { formatUtc } from "../../time/format.ts";
import { asData, KINDS, num, str, strOrNull } from "../contract.ts";
import { toRich } from "../describe-entry.ts";
import type { ChronologyRow, RichText } from "../document.ts";
import { compareText, type Facts, iso } from "../facts.ts";
import type { PostmortemEntry } from "../input.ts";
import type { BoardHistory } from "./board-history.ts";
import { boardMoments } from "./chronology-board.ts";
import type { ChronologyInput, Row } from "./chronology-row.ts";

/** Long typed text is cut in the table; the full text is in the appendix timeline. */
const CELL_TEXT_MAX = 280;

/** Order of moments recorded at the same instant. */
const RANK: Record<string, number> = {
  "impact-started": 0,
  detected: 1,
  declared: 2,
  severity: 3,
  status: 4,
  command: 5,
  update: 6,
  recovery: 7,
  regression: 7,
  milestone: 8,
  mitigated: 9,
  "impact-ended": 10,
  resolved: 11,
  "backfill-complete": 12,
  closed: 13,
};

export type { ChronologyInput, Row } from "./chronology-row.ts";

export const typed = (text: string): RichText => (text ? [{ typed: truncate(text, CELL_TEXT_MAX) }] : []);

export function milestoneLabel(facts: Facts, name: string): string {
  const earlier = earlierResolutionOrdinal(name);
  if (earlier !== null) return facts.t.build.earlierResolution(earlier);
  return facts.t.build.milestones[name] ?? facts.t.build.milestone(name);
}

const noteTag = (entry: PostmortemEntry): string | null => entry.tag ?? strOrNull(asData(entry.data), "tag");

export function chronology(facts: Facts, board: BoardHistory): ChronologyRow[] {
  const w = facts.t.build;
  const rows: Row[] = [];
  const push = (row: ChronologyInput) => {
    const { rankKey, ...rest } = row;
    rows.push({ ...rest, rank: RANK[rankKey] ?? RANK.milestone ?? 8 });
  };
  /** A moment that is one timeline entry, described by text its author typed. */
  const pushEntry = (
    entry: PostmortemEntry,
    moment: string,
    text: string,
    kind: string,
    rankKey: string = kind,
  ) =>
    push({
      at: iso(entry.occurredAt),
      kind,
      moment,
      details: typed(text || entry.text),
      actor: facts.personOrNull(entry.actorId),
      rankKey,
      seq: entry.id,
    });

  const declaredEntry = facts.byKind(KINDS.declared)[0];
  for (const [index, m] of facts.input.milestones.entries()) {
    const details: RichText = [];
    if (m.name === "declared" && declaredEntry) {
      const severity = num(asData(declaredEntry.data), "severity");
      if (severity)
        details.push(w.declaredAs(facts.t.severity(severity, facts.t.severityNames[severity] ?? "")));
    }
    if (m.note) details.push(...(details.length ? ["; "] : []), ...typed(m.note));
    if (m.originalAt) {
      details.push(`${details.length ? " " : ""}${w.correctedFrom(formatUtc(m.originalAt, true))}`);
      if (m.correctedById) details.push(w.by, { person: facts.person(m.correctedById) });
      details.push(")");
    }
    push({
      at: iso(m.occurredAt),
      kind: "milestone",
      moment: milestoneLabel(facts, m.name),
      details,
      actor: facts.personOrNull(m.setById),
      rankKey: m.name in RANK ? m.name : earlierResolutionOrdinal(m.name) !== null ? "resolved" : "milestone",
      seq: index,
    });
  }

  for (const entry of facts.byKind(KINDS.severity)) {
    const d = asData(entry.data);
    const from = num(d, "from");
    const to = num(d, "to") ?? 0;
    pushEntry(entry, w.escalated(to, from !== null && to > from), str(d, "reason"), "severity");
  }

  for (const entry of facts.byKind(KINDS.status)) {
    const d = asData(entry.data);
    // Resolution is the `resolved` milestone; workstream statuses belong to Recovery.
    if (entry.workstreamId !== null || str(d, "to") === "resolved") continue;
    pushEntry(entry, w.status(facts.t.word(str(d, "to"))), str(d, "message"), "status");
  }
  for (const entry of facts.byKind(KINDS.reopened)) {
    pushEntry(entry, w.reopened, str(asData(entry.data), "reason"), "status");
  }

  const firstUpdate = facts.byKind(KINDS.update)[0];
  if (firstUpdate) pushEntry(firstUpdate, w.firstUpdate, str(asData(firstUpdate.data), "text"), "update");

  for (const entry of facts.byKind(KINDS.role)) {
    const d = asData(entry.data);
    const previous = strOrNull(d, "previousUserId");
    if (str(d, "role") !== "commander" || d.workstreamId != null || !previous) continue;
    const incoming = strOrNull(d, "userId");
    push({
      at: iso(entry.occurredAt),
      kind: "command",
      moment: w.commandHandedOver,
      details: toRich(
        [w.fromTo[0], { user: previous }, w.fromTo[1], incoming ? { user: incoming } : w.someone],
        facts,
      ),
      actor: facts.personOrNull(entry.actorId),
      rankKey: "command",
      seq: entry.id,
    });
  }

  for (const row of boardMoments(facts, board)) push(row);

  const cause = facts.entries.find((e) => e.kind === KINDS.note && noteTag(e) === "cause");
  if (cause) pushEntry(cause, w.firstCause, str(asData(cause.data), "text"), "cause", "update");
  for (const entry of facts.byKind(KINDS.update)) {
    if (entry === firstUpdate || asData(entry.data).key !== true) continue;
    pushEntry(entry, w.keyUpdate, str(asData(entry.data), "text"), "update");
  }

  rows.sort((a, b) => compareText(a.at, b.at) || a.rank - b.rank || a.seq - b.seq);
  return rows.map(({ rank: _rank, seq: _seq, ...row }) => row);
}
