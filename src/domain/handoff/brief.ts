// The handoff brief: five short answers the outgoing holder gives the incoming one. The form
// starts pre-filled from what the bot recorded since the shift began, so the outgoing holder
// edits rather than writes from memory at the end of a long shift.
import { severityLabel } from "../incident/severity.ts";
import { truncate } from "../text/truncate.ts";
import { formatUtc } from "../time/format.ts";

export interface HandoffBrief {
  currentState: string;
  triedOrRuledOut: string;
  openActions: string;
  risks: string;
  nextCheckpoint: string;
}

export const BRIEF_FIELDS: readonly (keyof HandoffBrief)[] = [
  "currentState",
  "triedOrRuledOut",
  "openActions",
  "risks",
  "nextCheckpoint",
];

export const BRIEF_LABELS: Record<keyof HandoffBrief, string> = {
  currentState: "Current state",
  triedOrRuledOut: "Tried or ruled out",
  openActions: "Open actions and owners",
  risks: "Risks to watch",
  nextCheckpoint: "Next checkpoint",
};

/** Slack's plain_text_input max_length. */
export const BRIEF_FIELD_MAX = 3000;

export interface BriefContext {
  since: Date;
  incident: { number: number; title: string; severity: number; status: string };
  workstream: { name: string; status: string } | null;
  updates: { at: Date; text: string }[];
  notes: { at: Date; text: string }[];
  severityChanges: { at: Date; from: number; to: number; reason: string }[];
  statusChanges: { at: Date; to: string; message: string }[];
  milestones: { name: string; at: Date }[];
  actions: { text: string; ownerName: string | null }[];
  services: { service: string; region: string; phase: string; state: string; note: string }[];
}

const RECOVERED = new Set(["operational", "recovered"]);
const oneLine = (text: string, max = 200) => truncate(text.replace(/\s+/g, " ").trim(), max);

function limited(lines: string[], max = BRIEF_FIELD_MAX): string {
  let text = "";
  for (const [i, line] of lines.entries()) {
    const next = text ? `${text}\n${line}` : line;
    if (next.length > max - 40) return `${text}\n…and ${lines.length - i} more`;
    text = next;
  }
  return text;
}

function recent<T extends { at: Date }>(items: T[], count: number): T[] {
  return [...items].sort((a, b) => a.at.getTime() - b.at.getTime()).slice(-count);
}

/** The form's starting text. Plain text (a modal input shows it as typed), not mrkdwn. */
export function prefillBrief(context: BriefContext): HandoffBrief {
  const { incident, workstream } = context;
  const since = formatUtc(context.since);
  const state: string[] = [
    `${severityLabel(incident.severity as 1)} · ${incident.status} — INC-${incident.number} ${oneLine(incident.title, 150)}`,
  ];
  if (workstream) state.push(`Workstream ${workstream.name}: ${workstream.status}`);
  for (const change of recent(context.severityChanges, 3)) {
    state.push(
      `${formatUtc(change.at)} SEV${change.from} → SEV${change.to}${change.reason ? `: ${oneLine(change.reason)}` : ""}`,
    );
  }
  for (const change of recent(context.statusChanges, 3)) {
    state.push(
      `${formatUtc(change.at)} status ${change.to}${change.message ? `: ${oneLine(change.message)}` : ""}`,
    );
  }
  const updates = recent(context.updates, 3);
  state.push(
    context.updates.length
      ? `Status updates since ${since}: ${context.updates.length}; latest ${updates.map((u) => `${formatUtc(u.at)} "${oneLine(u.text, 300)}"`).join("; ")}`
      : `No status updates posted since ${since}.`,
  );
  if (context.milestones.length)
    state.push(
      `Milestones: ${context.milestones.map((m) => `${m.name} ${formatUtc(m.at, true)}`).join(", ")}`,
    );
  const board = context.services.map(
    (s) =>
      `${s.service}${s.region ? ` ${s.region}` : ""}${s.phase === "backfill" ? " (backfill)" : ""}: ${s.state}${s.note ? ` — ${oneLine(s.note, 100)}` : ""}`,
  );
  if (board.length) state.push(`Recovery board: ${board.join("; ")}`);

  const tried = [...recent(context.notes, 15).map((n) => `• ${formatUtc(n.at)} ${oneLine(n.text, 400)}`)];
  const actions = context.actions.map((a) => `• ${oneLine(a.text, 300)} — ${a.ownerName ?? "no owner yet"}`);
  const notRecovered = context.services.filter((s) => !RECOVERED.has(s.state));
  const risks = notRecovered.length
    ? [
        `Not yet recovered: ${notRecovered.map((s) => `${s.service}${s.region ? ` ${s.region}` : ""} (${s.state})`).join(", ")}`,
      ]
    : [];
  return {
    currentState: limited(state),
    triedOrRuledOut: limited(tried),
    openActions: limited(actions),
    risks: limited(risks),
    nextCheckpoint: "",
  };
}

/** A brief as submitted: trimmed, each field within the limit. */
export function normaliseBrief(brief: HandoffBrief): HandoffBrief {
  const out = {} as HandoffBrief;
  for (const field of BRIEF_FIELDS) out[field] = brief[field].trim().slice(0, BRIEF_FIELD_MAX);
  return out;
}

export function sameBrief(a: HandoffBrief, b: HandoffBrief): boolean {
  return BRIEF_FIELDS.every((field) => a[field] === b[field]);
}
