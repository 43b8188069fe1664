// How each timeline entry reads in the postmortem. Kinds of the shared event contract that
// other features record (status updates, notes, pins, reminders, rotations, handoffs) are
// read here from their documented data shapes, so the draft reads the same whether or not
// those features describe them elsewhere; every other kind uses the timeline's describers.
import { formatDuration } from "../time/duration.ts";
import { describeEntry, type Part, type Phrase } from "../timeline/describe.ts";
import { asData, type Data, KINDS, num, str, strOrNull } from "./contract.ts";
import type { RichPart, RichText } from "./document.ts";
import type { Facts } from "./facts.ts";
import type { PostmortemEntry } from "./input.ts";
import { groupLabel, readInvite } from "./invites.ts";
import { type Catalogue, en } from "./locale/en.ts";

/** "incident commander", or "lead of `us1`" for a workstream role. */
export function roleWords(role: string, workstream: string | null, t: Catalogue = en): Phrase {
  const name = t.build.roles[role] ?? role;
  return workstream ? [t.build.roleOf(name), { code: workstream }] : [name];
}

const who = (id: string | null, otherwise: string): Part => (id ? { user: id } : otherwise);

function withTyped(phrase: Phrase, text: string, joiner = ": "): Phrase {
  return text ? [...phrase, joiner, { typed: text }] : phrase;
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth"];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}th`;

/** At most this many people are named in an invite's line; more are counted. */
const NAMED_INVITEES = 5;

/** "a, b and c" as a Phrase. */
function listPhrase(items: Phrase[]): Phrase {
  const out: Phrase = [];
  for (const [i, item] of items.entries())
    out.push(...(i === 0 ? [] : i === items.length - 1 ? [" and "] : [", "]), ...item);
  return out;
}

/** One line per invite action: "Invited 260 people (3 user groups: @a, @b, @c)". */
function describeInvite(entry: PostmortemEntry): Phrase {
  const invite = readInvite(entry);
  if (invite.selfJoin) return ["Joined the incident by themselves"];
  const { groups, people, userIds } = invite;
  const counted = groups.filter((g) => g.memberIds !== null);
  const named = !counted.length && userIds.length <= NAMED_INVITEES;
  const phrase: Phrase = ["Invited "];
  if (named && userIds.length) phrase.push(...listPhrase(userIds.map((id) => [{ user: id }])));
  else if (people.length || !groups.length)
    phrase.push(`${people.length} ${people.length === 1 ? "person" : "people"}`);
  if (groups.length) {
    const labels = groups.map((g) => groupLabel(g) ?? "").filter(Boolean);
    const what = `${groups.length} user group${groups.length === 1 ? "" : "s"}`;
    const joiner = phrase.length > 1 ? (named ? ", and " : " (") : "";
    phrase.push(joiner, what, labels.length ? `: ${labels.join(", ")}` : "", joiner === " (" ? ")" : "");
    const unknown = groups.length - counted.length;
    if (unknown)
      phrase.push(
        unknown === groups.length
          ? `; ${groups.length === 1 ? "its" : "their"} members were not recorded`
          : `; the members of ${unknown} were not recorded`,
      );
  }
  return phrase;
}

const CONTRACT_DESCRIBERS: Record<string, (d: Data, entry: PostmortemEntry) => Phrase> = {
  [KINDS.invited]: (_d, e) => describeInvite(e),
  [KINDS.update]: (d, e) =>
    withTyped(
      [d.broadcast === true ? "Status update (also announced)" : "Status update"],
      str(d, "text") || e.text,
    ),
  [KINDS.note]: (d, e) => {
    const tag = strOrNull(d, "tag") ?? e.tag;
    const label = tag === "cause" ? "Note on the cause" : tag === "lesson" ? "Lesson noted" : "Note";
    return withTyped([label], str(d, "text") || e.text);
  },
  [KINDS.pinned]: (d, e) => {
    const author = strOrNull(d, "authorId");
    const from: Phrase = author
      ? [" from ", { user: author }]
      : strOrNull(d, "botId")
        ? [" from an app"]
        : [];
    return withTyped(["Pinned message", ...from], str(d, "text") || e.text);
  },
  [KINDS.reminder]: (d) => {
    const since = num(d, "sinceUpdateMs");
    const severity = num(d, "severity");
    const details = [
      severity ? `SEV${severity}` : "",
      since !== null ? `${formatDuration(since)} since the last update` : "",
    ].filter(Boolean);
    return [
      "Update reminder sent to ",
      who(strOrNull(d, "toUserId"), "the on-duty holder"),
      details.length ? ` (${details.join(", ")})` : "",
    ];
  },
  [KINDS.snoozed]: (d) => {
    const minutes = num(d, "minutes");
    return [minutes !== null ? `Update reminders snoozed for ${minutes} min` : "Update reminders snoozed"];
  },
  [KINDS.rotation]: (d) => {
    const workstream = strOrNull(d, "workstream");
    return [
      "Rotation ",
      { code: str(d, "rotation") },
      " attached",
      ...(workstream ? [" to workstream ", { code: workstream }] : []),
    ];
  },
  [KINDS.handoffPrompted]: (d) => [
    "Handoff of ",
    ...roleWords(str(d, "role"), strOrNull(d, "workstream")),
    " prompted: ",
    who(strOrNull(d, "fromUserId"), "nobody"),
    " → ",
    who(strOrNull(d, "toUserId"), "someone"),
    d.manual === true ? " (started by hand)" : "",
  ],
  [KINDS.handoffBriefed]: (d) => [
    "Handoff brief written by ",
    who(strOrNull(d, "fromUserId"), "the outgoing holder"),
    " for ",
    who(strOrNull(d, "toUserId"), "the incoming holder"),
  ],
  [KINDS.handoffAccepted]: (d) => {
    const from = strOrNull(d, "fromUserId");
    const latency = num(d, "latencyMs");
    return [
      who(strOrNull(d, "toUserId") ?? strOrNull(d, "acceptedById"), "Someone"),
      " took over as ",
      ...roleWords(str(d, "role"), strOrNull(d, "workstream")),
      ...(from ? [" from ", { user: from }] : []),
      latency !== null ? ` (accepted ${formatDuration(latency)} after the handoff was due)` : "",
    ];
  },
  [KINDS.handoffEscalated]: (d) => {
    const n = num(d, "escalation") ?? 1;
    return [
      `Handoff escalated (${ordinal(n)} time) to `,
      who(strOrNull(d, "contactId"), "the escalation contact"),
      ": ",
      who(strOrNull(d, "toUserId"), "the incoming holder"),
      " had not accepted",
    ];
  },
  [KINDS.longShift]: (d) => {
    const hours = num(d, "hours");
    return [
      who(strOrNull(d, "userId"), "Someone"),
      ` was prompted to hand off after ${hours !== null ? `${hours} h` : "a long shift"} as `,
      ...roleWords(str(d, "role"), null),
    ];
  },
};

/** The entry's sentence as a Phrase (people by user ID), in the draft's language. */
export function entryPhrase(entry: PostmortemEntry, t: Catalogue = en): Phrase {
  const local = t.entries?.[entry.kind];
  if (local) return local(asData(entry.data), entry);
  const contract = CONTRACT_DESCRIBERS[entry.kind];
  if (contract) return contract(asData(entry.data), entry);
  return describeEntry({ kind: entry.kind, data: entry.data ?? {}, text: entry.text });
}

/** A Phrase with people resolved to names. */
export function toRich(phrase: Phrase, facts: Facts): RichText {
  const rich: RichText = [];
  for (const part of phrase) {
    if (part === "") continue;
    rich.push(
      typeof part === "object" && "user" in part ? { person: facts.person(part.user) } : (part as RichPart),
    );
  }
  return rich;
}

export interface DescribedEntry {
  rich: RichText;
  text: string;
}

/**
 * The sentence of `facts.entries[index]`, with people by name and as plain text, computed once
 * per Facts: the draft's timeline and the full-timeline file describe every entry of the same
 * incident. Kept by position in an array (a Map keyed by entry cost more than describing).
 */
const described = new WeakMap<Facts, (DescribedEntry | undefined)[]>();

export function describeAt(facts: Facts, index: number): DescribedEntry {
  let memo = described.get(facts);
  if (!memo) {
    memo = new Array(facts.entries.length);
    described.set(facts, memo);
  }
  let found = memo[index];
  if (!found) {
    const rich = toRich(entryPhrase(facts.entries[index] as PostmortemEntry, facts.t), facts);
    found = { rich, text: richToPlain(rich) };
    memo[index] = found;
  }
  return found;
}

export function richToPlain(rich: RichText): string {
  let text = "";
  for (const part of rich) {
    if (typeof part === "string") text += part;
    else if ("person" in part) text += part.person.name;
    else if ("typed" in part) text += part.typed;
    else if ("code" in part) text += part.code;
    else text += part.strong;
  }
  return text;
}
