// Everything /incidents/<number> shows, read through the Store's repositories (never Slack: the
// page renders while Slack is down) and turned into plain data for the template: times already
// in the viewer's zone and UTC, people by the names the bot last learnt, timeline sentences as
// parts the template escapes one by one.
import type { WorkstreamWithLead } from "../../db/queries/workstream-leads.ts";
import type { Repositories } from "../../db/repositories/store.ts";
import { BRIEF_FIELDS, BRIEF_LABELS } from "../../domain/handoff/brief.ts";
import { boardRows, RECOVERED_STATES, regionTally } from "../../domain/incident/board-tally.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { ROLE_TITLES, type Role } from "../../domain/incident/roles.ts";
import type { ServiceStatus } from "../../domain/incident/service-status.ts";
import { severityLabel } from "../../domain/incident/severity.ts";
import { isOpen } from "../../domain/incident/status.ts";
import { inDisplayZone } from "../../domain/postmortem/build.ts";
import { renderMarkdown } from "../../domain/postmortem/render.ts";
import { describeEntry } from "../../domain/timeline/describe.ts";
import type { Phrase } from "../../domain/timeline/phrase.ts";
import { cachedNames, type NameResolver } from "../../services/postmortem/names.ts";
import {
  buildDraftDocument,
  type DraftDocument,
  type DraftOptions,
} from "../../services/postmortem/render-draft.ts";
import type { RecentDrafts } from "./recent-drafts.ts";
import { type TimelineQuery, WEB_TIMELINE_PAGE_SIZE } from "./timeline-query.ts";
import { type ShownTime, showTime } from "./viewer-time.ts";

/** Seconds between reloads of an open incident's page. */
export const INCIDENT_REFRESH_SECONDS = 30;

/** How the bot renders drafts (DISPLAY_TIME_ZONE, template, cadence, locale), so downloads match. */
export type PostmortemSettings = Omit<DraftOptions, "generatedAt" | "names" | "incidentPageUrl"> & {
  /** The link to an incident's page the bot's drafts carry (null: none), so downloads match. */
  incidentPageUrl?: (number: number) => string | null;
};

export interface PersonRef {
  id: string;
  name: string;
}

export type PhrasePart = { kind: "text" | "person" | "typed" | "code" | "strong"; text: string };

export interface BoardCellModel {
  state: string;
  recovered: boolean;
  note: string;
  since: ShownTime;
}

export interface IncidentPageModel {
  number: number;
  title: string;
  summary: string;
  severity: string;
  status: string;
  open: boolean;
  isPrivate: boolean;
  channel: { id: string; name: string | null; url: string } | null;
  started: ShownTime;
  resolved: ShownTime | null;
  closed: ShownTime | null;
  commander: PersonRef | null;
  roles: { title: string; person: PersonRef }[];
  workstreams: { name: string; status: string; lead: PersonRef | null }[];
  board: {
    tally: string;
    rows: { service: string; region: string; live: BoardCellModel | null; backfill: BoardCellModel | null }[];
  };
  roleHistory: {
    title: string;
    workstream: string | null;
    person: PersonRef;
    from: ShownTime;
    to: ShownTime | null;
  }[];
  handoffs: {
    id: number;
    role: string;
    workstream: string | null;
    rotation: string | null;
    from: PersonRef | null;
    to: PersonRef;
    state: string;
    prompted: ShownTime;
    briefed: ShownTime | null;
    accepted: ShownTime | null;
    acceptedBy: PersonRef | null;
    escalations: number;
    nextEscalation: ShownTime | null;
    brief: { label: string; text: string }[];
  }[];
  timeline: {
    entries: {
      id: number;
      at: ShownTime;
      kind: string;
      workstream: string | null;
      actor: PersonRef | null;
      parts: PhrasePart[];
      permalink: string | null;
    }[];
    total: number;
    page: number;
    pages: number;
  };
  postmortem: { markdown: string; filename: string };
  generated: ShownTime;
  zone: string;
  refreshSeconds: number | null;
}

const STATUS_WORDS: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring a fix",
  resolved: "Resolved",
  closed: "Closed",
};

/** A link that opens the channel in Slack (the workspace the viewer signed in to). */
export function channelUrl(teamId: string, channelId: string): string {
  return `https://app.slack.com/client/${encodeURIComponent(teamId)}/${encodeURIComponent(channelId)}`;
}

export const statusWords = (status: string) => STATUS_WORDS[status] ?? status;

const roleTitle = (role: string) => ROLE_TITLES[role as Role] ?? role;

/**
 * The postmortem draft's document as the bot would upload it now (or as it did at close), people
 * named from the names the bot remembers (no Slack call), in the bot's DISPLAY_TIME_ZONE: the
 * downloads render it as the bot's upload and `npm run postmortem` do; a page renders it in its
 * reader's zone (draftMarkdown).
 */
export function postmortemDraft(
  read: Repositories,
  incident: Incident,
  now: Date,
  settings: PostmortemSettings,
): Promise<DraftDocument> {
  const { incidentPageUrl, ...options } = settings;
  return buildDraftDocument(read.views, incident, {
    ...options,
    incidentPageUrl: incidentPageUrl?.(incident.number) ?? null,
    generatedAt: incident.closedAt ?? now,
    names: cachedNames(read.userNames),
  });
}

/** Each draft's Markdown per zone it was shown in (a few ms each, kept while the draft is). */
const markdownByZone = new WeakMap<DraftDocument, Map<string | null, string>>();

/** The draft as Markdown: in `zone` (null: UTC only), or in the bot's DISPLAY_TIME_ZONE. */
export function draftMarkdown(
  draft: DraftDocument,
  settings: PostmortemSettings,
  zone: string | null = draft.document.displayTimeZone,
): string {
  const rendered = markdownByZone.get(draft) ?? new Map<string | null, string>();
  markdownByZone.set(draft, rendered);
  let markdown = rendered.get(zone);
  if (markdown === undefined) {
    markdown = renderMarkdown(inDisplayZone(draft.document, zone, draft.span), settings.template);
    rendered.set(zone, markdown);
  }
  return markdown;
}

function phraseParts(phrase: Phrase, person: (id: string) => PersonRef): PhrasePart[] {
  return phrase.map((part) => {
    if (typeof part === "string") return { kind: "text", text: part };
    if ("user" in part) return { kind: "person", text: person(part.user).name };
    if ("typed" in part) return { kind: "typed", text: part.typed };
    if ("code" in part) return { kind: "code", text: part.code };
    return { kind: "strong", text: part.strong };
  });
}

export async function loadIncidentPage(
  read: Repositories,
  incident: Incident,
  options: {
    now: Date;
    zone: string;
    teamId: string;
    query: TimelineQuery;
    postmortem: PostmortemSettings;
    /** People's names (the ones the bot remembers, or Slack's within a short wait). */
    names: NameResolver;
    /** Recently built drafts, one per incident (recent-drafts.ts says for how long). */
    drafts: RecentDrafts<DraftDocument>;
    /** The incident's workstreams with their leads, as the route read them to parse the query. */
    workstreams: WorkstreamWithLead[];
  },
): Promise<IncidentPageModel> {
  const { now, zone, query, workstreams } = options;
  const at = (date: Date) => showTime(date, zone);
  const atOrNull = (date: Date | null) => (date ? at(date) : null);
  const [view, history, handoffs] = await Promise.all([
    read.views.incident(incident.id),
    read.views.roleHistory(incident.id),
    read.handoffs.ofIncident(incident.id),
  ]);
  if (!view) throw new Error(`incident ${incident.id} vanished while its page was read`);
  const workstreamId = query.workstream
    ? (workstreams.find((w) => w.name === query.workstream)?.id ?? null)
    : null;
  const filter = {
    incidentId: incident.id,
    workstreamId,
    since: query.from,
    until: query.to,
    kinds: query.kind ? [query.kind] : null,
  };
  const { kept: total, all } = await read.timeline.counts(filter);
  const pages = Math.max(1, Math.ceil(total / WEB_TIMELINE_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const [entries, draft] = await Promise.all([
    read.views.timelinePage(filter, (page - 1) * WEB_TIMELINE_PAGE_SIZE, WEB_TIMELINE_PAGE_SIZE),
    // Versioned by what the draft is built from: for a resolved incident any change makes a
    // new one; for an open incident at most one a minute (recent-drafts.ts).
    options.drafts.get(
      String(incident.id),
      { version: `${incident.updatedAt.toISOString()}|${all}`, open: isOpen(incident.status) },
      () => postmortemDraft(read, incident, now, options.postmortem),
    ),
  ]);

  const userIds = new Set<string>();
  const phrases = entries.map((entry) => {
    const phrase = describeEntry({ kind: entry.event.kind, data: entry.event, text: entry.text });
    for (const part of phrase) if (typeof part !== "string" && "user" in part) userIds.add(part.user);
    if (entry.actorId) userIds.add(entry.actorId);
    return phrase;
  });
  for (const r of view.roles) userIds.add(r.userId);
  for (const w of workstreams) if (w.leadId) userIds.add(w.leadId);
  for (const h of history) userIds.add(h.userId);
  for (const h of handoffs) {
    userIds.add(h.toUserId);
    if (h.fromUserId) userIds.add(h.fromUserId);
    if (h.acceptedById) userIds.add(h.acceptedById);
  }
  const names = await options.names([...userIds]);
  const person = (id: string): PersonRef => ({ id, name: names.get(id) ?? id });
  const workstreamName = new Map(workstreams.map((w) => [w.id, w.name]));

  const cell = (status: ServiceStatus | undefined): BoardCellModel | null =>
    status
      ? {
          state: status.state,
          recovered: RECOVERED_STATES.has(status.state),
          note: status.note,
          since: at(status.updatedAt),
        }
      : null;
  const commanderId = view.roles.find((r) => r.role === "commander")?.userId ?? null;
  const open = isOpen(incident.status);

  return {
    number: incident.number,
    title: incident.title,
    summary: incident.summary,
    severity: severityLabel(incident.severity),
    status: statusWords(incident.status),
    open,
    isPrivate: incident.isPrivate,
    channel: incident.channelId
      ? {
          id: incident.channelId,
          name: incident.channelName,
          url: channelUrl(options.teamId, incident.channelId),
        }
      : null,
    started: at(incident.createdAt),
    resolved: atOrNull(incident.resolvedAt),
    closed: atOrNull(incident.closedAt),
    commander: commanderId ? person(commanderId) : null,
    roles: view.roles.map((r) => ({ title: roleTitle(r.role), person: person(r.userId) })),
    workstreams: workstreams.map((w) => ({
      name: w.name,
      status: w.status,
      lead: w.leadId ? person(w.leadId) : null,
    })),
    board: {
      tally: regionTally(view.services),
      rows: boardRows(view.services).map((row) => ({
        service: row.service,
        region: row.region,
        live: cell(row.live),
        backfill: cell(row.backfill),
      })),
    },
    roleHistory: history.map((h) => ({
      title: roleTitle(h.role),
      workstream: h.workstream,
      person: person(h.userId),
      from: at(h.startedAt),
      to: atOrNull(h.endedAt),
    })),
    handoffs: handoffs.map((h) => ({
      id: h.id,
      role: h.role === "lead" ? "Workstream lead" : "Incident command",
      workstream: h.workstreamId ? (workstreamName.get(h.workstreamId) ?? "?") : null,
      rotation: h.rotation,
      from: h.fromUserId ? person(h.fromUserId) : null,
      to: person(h.toUserId),
      state: h.state,
      prompted: at(h.promptedAt),
      briefed: atOrNull(h.briefedAt),
      accepted: atOrNull(h.acceptedAt),
      acceptedBy: h.acceptedById ? person(h.acceptedById) : null,
      escalations: h.escalations,
      nextEscalation: atOrNull(h.nextEscalationAt),
      brief: h.brief
        ? BRIEF_FIELDS.map((field) => ({ label: BRIEF_LABELS[field], text: h.brief?.[field] ?? "" }))
        : [],
    })),
    timeline: {
      entries: entries.map((entry, i) => ({
        id: entry.id,
        at: at(entry.occurredAt),
        kind: entry.event.kind,
        workstream: entry.workstreamId ? (workstreamName.get(entry.workstreamId) ?? null) : null,
        actor: entry.actorId ? person(entry.actorId) : null,
        parts: phraseParts(phrases[i] ?? [], person),
        permalink: entry.permalink && /^https:\/\//.test(entry.permalink) ? entry.permalink : null,
      })),
      total,
      page,
      pages,
    },
    postmortem: {
      markdown: draftMarkdown(draft, options.postmortem, zone === "UTC" ? null : zone),
      filename: draft.filename,
    },
    generated: at(now),
    zone,
    refreshSeconds: open ? INCIDENT_REFRESH_SECONDS : null,
  };
}
