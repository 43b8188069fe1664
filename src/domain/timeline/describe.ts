// One sentence per timeline entry, as data: plain words, people, and text someone typed.
// Renderers turn it into Slack mrkdwn or Markdown, escaping the typed parts for each, so the
// same description is safe in a channel message, the timeline view and the postmortem.
import { severityLabel } from "../incident/severity.ts";
import { handoffDescribers } from "./describe-handoffs.ts";
import { pageDescribers } from "./describe-pages.ts";
import type { EventKind } from "./events.ts";
/** Plain words (trusted, no markup), a person, typed text, an identifier, or emphasis. */
import type { Phrase } from "./phrase.ts";
import { timelineDescribers } from "./timeline-describers.ts";

export type { Part, Phrase } from "./phrase.ts";

/** What the timeline knows about an entry: its kind, structured data and free text. */
export interface DescribableEntry {
  kind: string;
  data: unknown;
  text: string;
}

const ROLE_NAMES: Record<string, string> = {
  commander: "incident commander",
  comms: "communications lead",
  scribe: "scribe",
  ops: "operations lead",
  lead: "lead",
};

type Data = Record<string, unknown>;
const str = (data: Data, key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
const num = (data: Data, key: string) => (typeof data[key] === "number" ? (data[key] as number) : 0);
const list = (data: Data, key: string) => (Array.isArray(data[key]) ? (data[key] as string[]) : []);

function withText(phrase: Phrase, text: string, joiner = ": "): Phrase {
  return text ? [...phrase, joiner, { typed: text }] : phrase;
}

const describers: Record<EventKind, (data: Data, text: string) => Phrase> = {
  incident_declared: (d) => [
    `Incident declared as ${severityLabel(num(d, "severity") as 1)}: `,
    { typed: str(d, "title") },
    d.isPrivate ? " (private)" : "",
  ],
  severity_changed: (d, text) =>
    withText(
      [
        num(d, "to") < num(d, "from") ? "Escalated from " : "De-escalated from ",
        `SEV${num(d, "from")} to ${severityLabel(num(d, "to") as 1)}`,
      ],
      text || str(d, "reason"),
    ),
  status_changed: (d, text) =>
    withText([`Status changed from ${str(d, "from")} to `, { strong: str(d, "to") }], text),
  incident_reopened: (d, text) => withText([`Reopened (was ${str(d, "from")})`], text),
  role_assigned: (d) => {
    const role = ROLE_NAMES[str(d, "role")] ?? str(d, "role");
    const scope = str(d, "workstream") ? ` of workstream ${str(d, "workstream")}` : "";
    const previous = typeof d.previousUserId === "string" ? [" (was ", { user: d.previousUserId }, ")"] : [];
    return [{ user: str(d, "userId") }, ` is now ${role}${scope}`, ...previous];
  },
  people_invited: (d) => {
    const users = list(d, "userIds");
    if (d.joined === true) return [...users.slice(0, 1).map((user) => ({ user })), " joined by themselves"];
    if (d.addedInSlack === true)
      return ["Added ", ...users.slice(0, 1).map((user) => ({ user })), " with Slack's invite"];
    const groups = list(d, "groupIds");
    const parts: Phrase = ["Invited "];
    for (const [i, user] of users.slice(0, 10).entries()) parts.push(...(i ? [", "] : []), { user });
    if (users.length > 10) parts.push(` and ${users.length - 10} more`);
    if (groups.length)
      parts.push(`${users.length ? " and " : ""}${groups.length} user group${groups.length > 1 ? "s" : ""}`);
    return parts;
  },
  workstream_added: (d) => {
    const lead = typeof d.leadId === "string" ? [", led by ", { user: d.leadId }] : [];
    return [
      "Workstream ",
      { code: str(d, "name") },
      " added",
      ...(typeof d.parent === "string" ? [" under ", { code: d.parent }] : []),
      ...lead,
      d.withChannel ? " with its own channel" : "",
    ];
  },
  workstream_status_changed: (d, text) =>
    withText(
      [
        "Workstream ",
        { code: str(d, "name") },
        " is now ",
        { strong: str(d, "to") },
        ` (was ${str(d, "from")})`,
      ],
      text,
    ),
  service_status_changed: (d, text) => {
    const where: Phrase = str(d, "region") ? [" in ", { code: str(d, "region") }] : [];
    const phase = str(d, "phase") === "backfill" ? " (historical backfill)" : "";
    const from = str(d, "from") ? ` (was ${str(d, "from")})` : "";
    return withText(
      [{ code: str(d, "service") }, ...where, `${phase}: `, { strong: str(d, "to") }, from],
      text || str(d, "note"),
      " — ",
    );
  },
  milestone_recorded: (d, text) => {
    const corrected = typeof d.previousAt === "string" ? ` (corrected from ${formatUtc(d.previousAt)})` : "";
    return withText(["Milestone ", { code: str(d, "name") }, corrected], text || str(d, "note"), " — ");
  },
  ...timelineDescribers,
  ...handoffDescribers,
  ...pageDescribers,
  action_added: (d) => {
    const owner =
      typeof d.ownerId === "string" ? [" (owner ", { user: d.ownerId }, ")"] : [" (no owner yet)"];
    return ["Action item added: ", { typed: str(d, "text") }, ...owner];
  },
  rotation_detached: (d) => [
    str(d, "workstream") ? "Workstream " : "",
    ...(str(d, "workstream") ? [{ code: str(d, "workstream") }, " "] : []),
    "Detached from rotation ",
    { code: str(d, "rotation") },
    ": shift changes no longer prompt handoffs",
  ],
  title_changed: (d) => ["Title changed from ", { typed: str(d, "from") }, " to ", { strong: str(d, "to") }],
  summary_changed: (d) =>
    str(d, "from")
      ? ["Summary changed from ", { typed: str(d, "from") }, " to ", { typed: str(d, "to") }]
      : ["Summary written: ", { typed: str(d, "to") }],
  action_done: (d) => [
    `Action item ${num(d, "number")} `,
    { strong: "done" },
    ": ",
    { typed: str(d, "text") },
  ],
  action_reassigned: (d) => [
    `Action item ${num(d, "number")} (`,
    { typed: str(d, "text") },
    ") reassigned from ",
    ...(typeof d.from === "string" ? [{ user: d.from }] : ["nobody"]),
    " to ",
    ...(typeof d.to === "string" ? [{ user: d.to }] : ["nobody"]),
  ],
  action_edited: (d) => [
    `Action item ${num(d, "number")} edited: `,
    { typed: str(d, "from") },
    " → ",
    { typed: str(d, "to") },
  ],
  incident_closed: (d) => [
    "Incident ",
    { strong: "closed" },
    str(d, "rootCause") ? " with a root-cause statement" : "",
  ],
};

export function describeEntry(entry: DescribableEntry): Phrase {
  const describe = describers[entry.kind as EventKind];
  if (describe) return describe((entry.data ?? {}) as Data, entry.text);
  return entry.text ? [{ typed: entry.text }] : [entry.kind.replace(/_/g, " ")];
}

function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
