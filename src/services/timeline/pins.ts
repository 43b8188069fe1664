// Pin to timeline: a reaction (TIMELINE_PIN_EMOJI) on a message in an incident or workstream
// channel captures that message into the timeline at the message's own time. One entry per
// message however many people pin it (dedupeKey "pin:<channel>:<ts>", one TimelinePin row per
// pinner); one change per Events API delivery (request key `event:<event_id>`, so Slack's
// retries change nothing). When the last pinner takes the reaction back, the entry stays and an
// "unpinned by … at …" entry follows it (what people stopped thinking mattered is evidence too);
// the postmortem leaves both out (src/db/queries/postmortem-input.ts).
import { isConflict } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import { ENTRY_TEXT_MAX } from "../../domain/command/verbs/update.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { dateOfSlackTs } from "../../domain/time/slack-ts.ts";
import { PIN_CONFIRMATION } from "../../events/handlers/timeline.ts";
import { recordEvent } from "../../events/record-event.ts";
import { scopeOfChannel } from "../incident-scope.ts";
import type { ChatMessage } from "../ports.ts";
import {
  effectContext,
  lockedIncident,
  metaFor,
  runChange,
  runChangeOrReplay,
  sendLater,
} from "../support.ts";
import { humanizeNoting } from "./humanize.ts";
import { nameMentionsLater } from "./late-names.ts";

export interface PinReaction {
  /** The Events API envelope's event_id (the same on Slack's retries). */
  eventId: string;
  /** Who reacted. */
  userId: string;
  channelId: string;
  ts: string;
  /** The message's author as the event reports it (used when the message cannot be read). */
  itemUserId: string | null;
}

export type PinOutcome =
  | "ignored"
  | "duplicate_event"
  | "captured"
  | "pinned_again"
  | "already_pinned"
  | "released"
  | "unpinned"
  | "not_pinned";

export const pinDedupeKey = (channelId: string, ts: string) => `pin:${channelId}:${ts}`;

async function alreadyHandled(deps: ServiceDeps, eventId: string): Promise<boolean> {
  const row = await deps.store.read.requests.find(`event:${eventId}`);
  return row !== null;
}

interface Captured {
  message: ChatMessage | null;
  text: string;
  /** People the text names by bare ID: Slack did not name them in time (late-names.ts). */
  unnamed: string[];
  permalink: string | null;
}

/** Reads the message (outside any transaction: these are Slack calls). */
async function readPinnedMessage(deps: ServiceDeps, reaction: PinReaction): Promise<Captured> {
  let message: ChatMessage | null = null;
  let permalink: string | null = null;
  try {
    message = await deps.directory.message(reaction.channelId, reaction.ts);
  } catch (error) {
    deps.logger.warn({ err: error, channel: reaction.channelId }, "could not read a pinned message");
  }
  try {
    permalink = await deps.directory.permalink(reaction.channelId, reaction.ts);
  } catch (error) {
    deps.logger.warn(
      { err: error, channel: reaction.channelId },
      "could not get a pinned message's permalink",
    );
  }
  const humanized = message ? await humanizeNoting(deps, message.text) : { text: "", unnamed: [] };
  return { message, text: truncate(humanized.text, ENTRY_TEXT_MAX), unnamed: humanized.unnamed, permalink };
}

const pinKey = (reaction: PinReaction) => ({
  channelId: reaction.channelId,
  messageTs: reaction.ts,
  userId: reaction.userId,
});

export async function capturePin(deps: ServiceDeps, reaction: PinReaction): Promise<PinOutcome> {
  const { read } = deps.store;
  // Anywhere but an incident or workstream channel: not ours, say nothing, call nobody.
  const scope = await scopeOfChannel(read, reaction.channelId);
  if (!scope) return "ignored";
  // A retried delivery: skip the Slack reads; runChange would answer it the same way.
  if (await alreadyHandled(deps, reaction.eventId)) return "duplicate_event";
  const dedupeKey = pinDedupeKey(reaction.channelId, reaction.ts);
  const known = await read.timeline.idByDedupeKey(dedupeKey);
  let captured = known ? null : await readPinnedMessage(deps, reaction);
  // Set when this call recorded the entry: people left as IDs are named after the commit.
  let recordedEntry: RecordedEntry | null = null;
  // Two people pinning the same message at the same moment: one insert of the entry loses
  // on dedupeKey; run again and that pin joins the entry the other one created.
  for (let attempt = 0; ; attempt++) {
    try {
      const { value: outcome, replayed } = await runChangeOrReplay(
        deps,
        `event:${reaction.eventId}`,
        async (repos) => {
          recordedEntry = null; // an attempt that rolled back recorded nothing
          const incident = await lockedIncident(repos, scope.incident.id);
          const entryId = await repos.timeline.idByDedupeKey(dedupeKey);
          if (entryId !== null) {
            const unpinned = (await repos.pins.count(entryId)) === 0;
            if (!(await repos.pins.add(entryId, pinKey(reaction)))) return "already_pinned";
            // Pinned again after everyone took it back: the confirmation comes back too.
            if (unpinned)
              await sendLater(deps, repos, {
                kind: "reaction.add",
                channelId: reaction.channelId,
                ts: reaction.ts,
                name: PIN_CONFIRMATION,
              });
            return "pinned_again";
          }
          // The entry went away since we looked: read the message, but not inside a transaction.
          if (!captured) throw new MessageNeeded();
          const found = captured;
          const now = deps.clock.now();
          const own = dateOfSlackTs(reaction.ts) ?? now;
          // A message is never "in the future": only a drill's simulated clock can say so.
          const occurredAt = new Date(Math.min(own.getTime(), now.getTime()));
          const recorded = await recordEvent(
            repos,
            incident,
            {
              kind: "message_pinned",
              channelId: reaction.channelId,
              ts: reaction.ts,
              authorId: found.message ? found.message.userId : reaction.itemUserId,
              botId: found.message?.botId ?? null,
              text: found.text,
              permalink: found.permalink,
              threadTs: found.message?.threadTs ?? null,
            },
            metaFor(deps, reaction.userId, {
              occurredAt,
              text: found.text,
              workstreamId: scope.workstream?.id ?? null,
              source: {
                channelId: reaction.channelId,
                ts: reaction.ts,
                ...(found.permalink ? { permalink: found.permalink } : {}),
              },
              dedupeKey,
            }),
            { context: effectContext(deps) },
          );
          await repos.pins.add(recorded.entryId, pinKey(reaction));
          recordedEntry = { id: recorded.entryId, unnamed: found.unnamed };
          return "captured" as const;
        },
      );
      // (Assigned inside the callback, which TypeScript's narrowing does not see.)
      const entry = recordedEntry as RecordedEntry | null;
      if (entry && !replayed) nameMentionsLater(deps, entry.id, entry.unnamed);
      return outcome;
    } catch (error) {
      if (attempt < 3 && error instanceof MessageNeeded) {
        captured = await readPinnedMessage(deps, reaction);
        continue;
      }
      if (attempt < 3 && isConflict(error)) continue;
      throw error;
    }
  }
}

class MessageNeeded extends Error {}

interface RecordedEntry {
  id: number;
  unnamed: string[];
}

/** The reaction was taken back: that person no longer pins it; the last one out unpins it. */
export async function releasePin(deps: ServiceDeps, reaction: PinReaction): Promise<PinOutcome> {
  const scope = await scopeOfChannel(deps.store.read, reaction.channelId);
  if (!scope) return "ignored";
  return runChange(deps, `event:${reaction.eventId}`, async (repos) => {
    const incident = await lockedIncident(repos, scope.incident.id);
    const pin = await repos.pins.remove(pinKey(reaction));
    if (!pin) return "not_pinned";
    if (pin.remaining > 0) return "released";
    const pinned = await repos.timeline.byId(pin.entryId);
    const event = pinned?.event.kind === "message_pinned" ? pinned.event : null;
    await recordEvent(
      repos,
      incident,
      {
        kind: "message_unpinned",
        channelId: reaction.channelId,
        ts: reaction.ts,
        pinnedEntryId: pin.entryId,
        authorId: event?.authorId ?? null,
        text: event?.text ?? "",
      },
      metaFor(deps, reaction.userId, {
        workstreamId: pinned?.workstreamId ?? scope.workstream?.id ?? null,
        source: {
          channelId: reaction.channelId,
          ts: reaction.ts,
          ...(pinned?.permalink ? { permalink: pinned.permalink } : {}),
        },
      }),
      { context: effectContext(deps) },
    );
    return "unpinned";
  });
}
