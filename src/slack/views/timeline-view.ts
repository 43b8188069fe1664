// `/incident timeline`: one page of entries, oldest first, each with its time in UTC and in
// the viewer's own time zone, who did it, the workstream and a link to the Slack message.
// Pure: the caller reads the page; this keeps it inside Slack's limits (≤ 50 blocks, sections
// ≤ 3000 characters, blocks JSON ≤ 12k) by shortening typed text, never by dropping entries.
import { DateTime } from "luxon";
import { escapeMrkdwn, link, mentionUser } from "../../domain/text/mrkdwn.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { formatInZone, formatUtc } from "../../domain/time/format.ts";
import { describeEntry, type Phrase } from "../../domain/timeline/describe.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { TIMELINE_PAGE_SIZE } from "../../domain/timeline/page-size.ts";
import { phraseToMrkdwn } from "../../domain/timeline/render-phrase.ts";
import type { TimelinePageModel } from "../../services/timeline/timeline-page.ts";
import { ACTIONS } from "../ids.ts";
import { actions, type Block, button, context, header, messageText, section } from "./blocks.ts";
import { LIMITS } from "./limits.ts";

const SECTION_MAX = LIMITS.sectionText - 100;
const JSON_BUDGET = LIMITS.messageBlocksJson - 500;

export interface TimelineCursor {
  incidentId: number;
  offset: number;
  /** Entries to show (fewer than a page when Earlier reaches the start). */
  limit: number;
  workstreamId: number | null;
  since: string | null;
}

const ICONS: Record<string, string> = {
  incident_declared: ":rotating_light:",
  severity_changed: ":warning:",
  status_changed: ":arrows_counterclockwise:",
  incident_reopened: ":leftwards_arrow_with_hook:",
  role_assigned: ":bust_in_silhouette:",
  people_invited: ":wave:",
  workstream_added: ":twisted_rightwards_arrows:",
  workstream_status_changed: ":twisted_rightwards_arrows:",
  service_status_changed: ":traffic_light:",
  milestone_recorded: ":round_pushpin:",
  update_posted: ":mega:",
  incident_published: ":globe_with_meridians:",
  note_added: ":memo:",
  message_pinned: ":pushpin:",
  message_unpinned: ":heavy_minus_sign:",
  reminder_sent: ":bell:",
  reminder_snoozed: ":zzz:",
};

/** Entries whose actor is not the subject: "pinned by @x", "unpinned by @y". */
const ACTOR_PREFIX: Record<string, string> = {
  message_pinned: "pinned by ",
  message_unpinned: "unpinned by ",
};

const isUtc = (zone: string) => ["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Z"].includes(zone);
const isUserId = (id: string | null): id is string => Boolean(id && /^[UW][A-Z0-9]+$/.test(id));

/** Typed text cut to `max` characters, so one long note cannot push the page over the limits. */
function clampTyped(phrase: Phrase, max: number): Phrase {
  return phrase.map((part) =>
    typeof part === "object" && "typed" in part ? { typed: truncate(part.typed, max) } : part,
  );
}

function timeLabel(at: Date, zone: string): string {
  const utc = `*${formatUtc(at)}*`;
  if (isUtc(zone)) return utc;
  const local = DateTime.fromJSDate(at, { zone });
  const otherDay = local.isValid && local.toISODate() !== at.toISOString().slice(0, 10);
  return `${utc} · ${formatInZone(at, zone, otherDay)}`;
}

function dayLine(at: Date): string {
  return `*${DateTime.fromJSDate(at, { zone: "utc" }).toFormat("cccc d LLLL yyyy")} (UTC)*`;
}

function entryLine(entry: TimelineEntry, model: TimelinePageModel, typedMax: number): string {
  const phrase = clampTyped(
    describeEntry({ kind: entry.event.kind, data: entry.event, text: entry.text }),
    typedMax,
  );
  const parts = [
    `${timeLabel(entry.occurredAt, model.viewerZone)}  ${ICONS[entry.event.kind] ?? "•"} ${phraseToMrkdwn(phrase)}`,
  ];
  if (isUserId(entry.actorId) && entry.event.kind !== "reminder_sent")
    parts.push(`${ACTOR_PREFIX[entry.event.kind] ?? ""}${mentionUser(entry.actorId)}`);
  const workstream = entry.workstreamId ? model.workstreamNames.get(entry.workstreamId) : undefined;
  if (workstream) parts.push(`\`${escapeMrkdwn(workstream)}\``);
  if (entry.permalink && /^https:\/\//.test(entry.permalink)) parts.push(link(entry.permalink, "message"));
  // A private incident's access record: who this action brought into its channels.
  const access = model.access?.get(entry.id);
  if (access) parts.push(`:key: ${phraseToMrkdwn(access)}`);
  // Entered well after it happened (`--at`): say so, the reader may wonder why it is new.
  if (
    entry.event.kind !== "message_pinned" &&
    entry.recordedAt.getTime() - entry.occurredAt.getTime() > 5 * 60_000
  )
    parts.push(`_recorded ${formatUtc(entry.recordedAt, true)}_`);
  return parts.join(" — ");
}

function entrySections(model: TimelinePageModel, typedMax: number): Block[] {
  const lines: string[] = [];
  let day = "";
  for (const entry of model.entries) {
    const thisDay = entry.occurredAt.toISOString().slice(0, 10);
    if (thisDay !== day) {
      lines.push(dayLine(entry.occurredAt));
      day = thisDay;
    }
    lines.push(entryLine(entry, model, typedMax));
  }
  const sections: Block[] = [];
  let current = "";
  for (const line of lines) {
    const piece = truncate(line, SECTION_MAX);
    if (current && current.length + piece.length + 1 > SECTION_MAX) {
      sections.push(section(current));
      current = "";
    }
    current = current ? `${current}\n${piece}` : piece;
  }
  if (current) sections.push(section(current));
  return sections;
}

function cursorValue(model: TimelinePageModel, offset: number, limit: number): string {
  const cursor: TimelineCursor = {
    incidentId: model.incident.id,
    offset,
    limit,
    workstreamId: model.workstream?.id ?? null,
    since: model.since?.toISOString() ?? null,
  };
  return JSON.stringify(cursor);
}

function summaryLine(model: TimelinePageModel): string {
  const { offset, total, entries } = model;
  const filters = [
    model.workstream ? `workstream \`${escapeMrkdwn(model.workstream.name)}\`` : "",
    model.since ? `since ${formatUtc(model.since, true)}` : "",
  ].filter(Boolean);
  const scope = filters.length ? ` (${filters.join(", ")})` : "";
  if (!entries.length)
    return total ? `No entries on this page; ${total} in all${scope}.` : `No entries${scope} yet.`;
  const last = offset + entries.length;
  const earlier = offset ? ` · *${offset} earlier*` : "";
  const later = total > last ? ` · ${total - last} later` : "";
  const zone = isUtc(model.viewerZone) ? "UTC" : `UTC and your time zone (${model.viewerZone})`;
  return `Entries ${offset + 1}–${last} of ${total}${scope}${earlier}${later} · oldest first · times in ${zone}`;
}

export function timelineView(model: TimelinePageModel): { text: string; blocks: Block[] } {
  const navigation: ReturnType<typeof button>[] = [];
  if (model.offset > 0)
    navigation.push(
      button({
        actionId: ACTIONS.timelineEarlier,
        text: "◀ Earlier entries",
        // The entries just before this page, without repeating any of it.
        value: cursorValue(
          model,
          Math.max(0, model.offset - TIMELINE_PAGE_SIZE),
          Math.min(TIMELINE_PAGE_SIZE, model.offset),
        ),
      }),
    );
  if (model.offset + model.entries.length < model.total)
    navigation.push(
      button({
        actionId: ACTIONS.timelineLater,
        text: "Later entries ▶",
        value: cursorValue(model, model.offset + model.entries.length, TIMELINE_PAGE_SIZE),
      }),
    );
  const render = (typedMax: number): Block[] => [
    header(`Timeline · INC-${model.incident.number}`),
    context([summaryLine(model)]),
    ...entrySections(model, typedMax),
    ...(navigation.length ? [actions("timeline_pages", navigation)] : []),
    context([
      "`/incident timeline --all` from the start · `--page <n>` · `--since <time>` · `--workstream <name>`",
    ]),
  ];
  // Shorten typed text until the page fits Slack's size limit; every entry stays listed.
  let typedMax = 400;
  let blocks = render(typedMax);
  while (JSON.stringify(blocks).length > JSON_BUDGET && typedMax > 10) {
    typedMax = Math.floor(typedMax * 0.6);
    blocks = render(typedMax);
  }
  const text = messageText(
    `Timeline of INC-${model.incident.number}: ${summaryLine(model).replace(/\*/g, "")}`,
  );
  return { text, blocks };
}
