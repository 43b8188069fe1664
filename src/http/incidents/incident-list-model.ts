// What /incidents shows: the incidents this viewer may read, open ones first (newest first),
// then those resolved in the last RECENT_DAYS days. Bounded: at most LIST_LIMIT of each are
// read, so the page stays small however many incidents the bot has seen.
import type { Repositories } from "../../db/repositories/store.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { severityLabel } from "../../domain/incident/severity.ts";
import { isOpen } from "../../domain/incident/status.ts";
import type { NameResolver } from "../../services/postmortem/names.ts";
import { channelUrl, INCIDENT_REFRESH_SECONDS, type PersonRef, statusWords } from "./incident-page-model.ts";
import { type ShownTime, showTime } from "./viewer-time.ts";

export const RECENT_DAYS = 30;
export const LIST_LIMIT = 100;

export interface IncidentListRow {
  number: number;
  title: string;
  severity: string;
  status: string;
  isPrivate: boolean;
  commander: PersonRef | null;
  started: ShownTime;
  resolved: ShownTime | null;
  channel: { name: string | null; url: string } | null;
}

export interface IncidentListModel {
  open: IncidentListRow[];
  ended: IncidentListRow[];
  recentDays: number;
  limit: number;
  generated: ShownTime;
  zone: string;
  refreshSeconds: number | null;
}

export async function loadIncidentList(
  read: Repositories,
  options: {
    now: Date;
    zone: string;
    teamId: string;
    /** Which incidents the viewer may read (the access check). */
    readable: (incidents: Incident[]) => Promise<Incident[]>;
    /** People's names (the ones the bot remembers, or Slack's within a short wait). */
    names: NameResolver;
  },
): Promise<IncidentListModel> {
  const since = new Date(options.now.getTime() - RECENT_DAYS * 24 * 3_600_000);
  const found = await read.incidents.forIncidentList(since, LIST_LIMIT);
  const [open, ended] = await Promise.all([options.readable(found.open), options.readable(found.ended)]);
  const commanders = await read.roles.holders(
    [...open, ...ended].map((i) => i.id),
    "commander",
  );
  const names = await options.names([...new Set(commanders.values())]);
  const at = (date: Date) => showTime(date, options.zone);
  const row = (incident: Incident): IncidentListRow => {
    const commanderId = commanders.get(incident.id);
    return {
      number: incident.number,
      title: incident.title,
      severity: severityLabel(incident.severity),
      status: statusWords(incident.status),
      isPrivate: incident.isPrivate,
      commander: commanderId ? { id: commanderId, name: names.get(commanderId) ?? commanderId } : null,
      started: at(incident.createdAt),
      resolved: incident.resolvedAt ? at(incident.resolvedAt) : null,
      channel: incident.channelId
        ? { name: incident.channelName, url: channelUrl(options.teamId, incident.channelId) }
        : null,
    };
  };
  return {
    open: open.map(row),
    ended: ended.map(row),
    recentDays: RECENT_DAYS,
    limit: LIST_LIMIT,
    generated: at(options.now),
    zone: options.zone,
    refreshSeconds: open.some((i) => isOpen(i.status)) ? INCIDENT_REFRESH_SECONDS : null,
  };
}
