// "Add to incident timeline" (a message shortcut): records a message as it is at that moment
// — its words, author, its own time (the message ts) and permalink — into an incident's
// timeline. In an incident or workstream channel it goes to that incident and is the same
// entry a 📌 reaction makes (dedupeKey "pin:<channel>:<ts>", held as the person's pin, so
// pinning it too, or pinning first, still leaves one entry). Anywhere else (an alerts
// channel) the person first chooses one of the open incidents they may see; there the entry
// is keyed per incident, so one alert can belong to two incidents but never twice to one.
import type { ServiceDeps } from "../../deps.ts";
import { ENTRY_TEXT_MAX } from "../../domain/command/verbs/update.ts";
import { invalidState, notFound } from "../../domain/errors.ts";
import type { Severity } from "../../domain/incident/severity.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { dateOfSlackTs } from "../../domain/time/slack-ts.ts";
import { recordEvent } from "../../events/record-event.ts";
import { scopeOfChannel } from "../incident-scope.ts";
import { effectContext, lockedIncident, metaFor, runChangeOrReplay } from "../support.ts";
import { requireVisible, visibleOpenIncidents } from "../visibility.ts";
import { humanizeNoting } from "./humanize.ts";
import { nameMentionsLater } from "./late-names.ts";
import { pinDedupeKey } from "./pins.ts";

export interface MessageToAdd {
  channelId: string;
  ts: string;
  /** The message's words as the shortcut payload carried them (text, blocks, attachments). */
  text: string;
  authorId: string | null;
  botId: string | null;
  threadTs: string | null;
}

export interface CaptureTarget {
  id: number;
  number: number;
  title: string;
  severity: Severity;
}

export type AddMessageResult =
  | {
      kind: "message_added";
      incidentNumber: number;
      channelId: string | null;
      /** It was already in the timeline (pinned, or added before): nothing new was recorded. */
      already: boolean;
    }
  | {
      kind: "choose_incident";
      /** Open incidents this person may see, worst first (Slack lists at most 100 options). */
      incidents: CaptureTarget[];
      /** Private incidents left out because Slack could not say whether they are a member. */
      unchecked: number;
    };

/** Slack's static_select takes at most 100 options. */
const MAX_TARGETS = 100;

export const captureDedupeKey = (incidentId: number, channelId: string, ts: string) =>
  `capture:${incidentId}:${channelId}:${ts}`;

export async function addMessageToTimeline(
  deps: ServiceDeps,
  input: {
    message: MessageToAdd;
    actorId: string;
    requestKey: string;
    /** The incident chosen in the form; absent from the shortcut itself. */
    incidentId?: number;
  },
): Promise<AddMessageResult> {
  const { message } = input;
  const scope = await scopeOfChannel(deps.store.read, message.channelId);
  let incidentId: number;
  let workstreamId: number | null = null;
  let dedupeKey: string;
  if (scope) {
    incidentId = scope.incident.id;
    workstreamId = scope.workstream?.id ?? null;
    dedupeKey = pinDedupeKey(message.channelId, message.ts);
  } else if (input.incidentId === undefined) {
    const visible = await visibleOpenIncidents(deps, input.actorId);
    const incidents = visible.incidents
      .slice(0, MAX_TARGETS)
      .map((i) => ({ id: i.id, number: i.number, title: i.title, severity: i.severity }));
    return { kind: "choose_incident", incidents, unchecked: visible.unchecked };
  } else {
    const chosen = await deps.store.read.incidents.byId(input.incidentId);
    if (!chosen) throw notFound("That incident no longer exists.");
    // Someone who is not in a private incident learns nothing about it, not even that it exists.
    await requireVisible(deps, chosen, input.actorId, "That incident no longer exists.");
    incidentId = chosen.id;
    dedupeKey = captureDedupeKey(chosen.id, message.channelId, message.ts);
  }

  // Slack reads first, never inside the transaction.
  let permalink: string | null = null;
  try {
    permalink = await deps.directory.permalink(message.channelId, message.ts);
  } catch (error) {
    deps.logger.warn({ err: error, channel: message.channelId }, "could not get a message's permalink");
  }
  const humanized = await humanizeNoting(deps, message.text);
  const text = truncate(humanized.text, ENTRY_TEXT_MAX);

  // Set when this call recorded the entry: people left as IDs are named after the commit.
  let entryId: number | null = null;
  const { value: added, replayed } = await runChangeOrReplay(
    deps,
    input.requestKey,
    async (repos): Promise<AddMessageResult> => {
      const incident = await lockedIncident(repos, incidentId);
      // Chosen from a list of open incidents that has since changed: say so, record nothing.
      if (!scope && incident.status === "closed")
        throw invalidState(`INC-${incident.number} was closed after this form opened; nothing was recorded.`);
      const pin = { channelId: message.channelId, messageTs: message.ts, userId: input.actorId };
      const existing = await repos.timeline.idByDedupeKey(dedupeKey);
      if (existing !== null) {
        if (scope) await repos.pins.add(existing, pin);
        return {
          kind: "message_added",
          incidentNumber: incident.number,
          channelId: incident.channelId,
          already: true,
        };
      }
      const now = deps.clock.now();
      const own = dateOfSlackTs(message.ts) ?? now;
      const recorded = await recordEvent(
        repos,
        incident,
        {
          kind: "message_pinned",
          channelId: message.channelId,
          ts: message.ts,
          authorId: message.authorId,
          botId: message.botId,
          text,
          permalink,
          threadTs: message.threadTs,
        },
        metaFor(deps, input.actorId, {
          // A message is never "in the future": only a drill's simulated clock can say so.
          occurredAt: new Date(Math.min(own.getTime(), now.getTime())),
          text,
          workstreamId,
          source: { channelId: message.channelId, ts: message.ts, ...(permalink ? { permalink } : {}) },
          dedupeKey,
        }),
        { context: effectContext(deps) },
      );
      // In the incident's own channels the shortcut pins for this person, like the reaction.
      if (scope) await repos.pins.add(recorded.entryId, pin);
      entryId = recorded.entryId;
      return {
        kind: "message_added",
        incidentNumber: incident.number,
        channelId: incident.channelId,
        already: false,
      };
    },
    { incidentId },
  );
  if (entryId !== null && !replayed) nameMentionsLater(deps, entryId, humanized.unnamed);
  return added;
}
