// How each kind of intent is carried out in Slack. State messages (summary, board, topic,
// announcement) render the incident as it is now, and are updated in place once posted.

import { loadIncidentView } from "../../db/queries/incident-view.ts";
import {
  loadDeliveryScope,
  storeAnnounceTs,
  storeBoardTs,
  storeSummaryTs,
  storeTopic,
  summaryRelativesOf,
  workstreamChannelsOf,
} from "../../db/repositories/delivery-scope.ts";
import { pendingInLane } from "../../db/repositories/outbox.ts";
import type { Deps } from "../../deps.ts";
import type { IncidentView } from "../../domain/incident/incident-view.ts";
import { incidentPageUrl } from "../../services/incident-page-url.ts";
import type { PostedMessage } from "../../slack/gateway.ts";
import { permalinkOf } from "../../slack/message-lookup.ts";
import { announcement } from "../../slack/views/announcement.ts";
import { incidentPurpose, incidentTopic, workstreamTopic } from "../../slack/views/channel-topic.ts";
import { incidentReady } from "../../slack/views/incident-ready.ts";
import { incidentSummary } from "../../slack/views/incident-summary.ts";
import { recoveryBoard } from "../../slack/views/recovery-board.ts";
import type { RenderedMessage } from "../../slack/views/render-message.ts";
import { workstreamSummary } from "../../slack/views/workstream-summary.ts";
import { type DeliveryAttempt, type DeliveryHandlers, NotReadyError } from "../delivery.ts";
import { type IntentOf, laneOf } from "../intents.ts";
import { unlessArchived } from "./archived.ts";
import { channelOfScope, channelOfTarget } from "./channels.ts";
import { createChannel } from "./create-channel.ts";
import { deliverHandoffCard } from "./handoff-card.ts";
import { deliverPagesMessage, deliverToPager } from "./pages.ts";
import { postOnce } from "./post-once.ts";
import { postOrUpdate } from "./post-or-update.ts";
import { deliverPostmortemCanvas, deliverPostmortemUpload } from "./postmortem.ts";
import { renderQueued } from "./render.ts";
import { deliverStatuspageComponents, deliverStatuspageIncident } from "./statuspage.ts";
import { announcementReply, reactionRemove } from "./timeline.ts";

async function viewOf(deps: Deps, incidentId: number) {
  const view = await loadIncidentView(deps.database.db, incidentId, deps.database.provider);
  if (!view) throw new Error(`incident ${incidentId} does not exist`);
  return view;
}

/** Permalinks of boards, by channel and ts: asked of Slack once per board, not per refresh. */
const boardLinks = new Map<string, string | null>();

async function boardLink(deps: Deps, view: IncidentView): Promise<string | null> {
  const { channelId, boardTs } = view.incident;
  if (!channelId || !boardTs) return null;
  const key = `${channelId}:${boardTs}`;
  if (boardLinks.has(key)) return boardLinks.get(key) ?? null;
  // A summary without the link is better than no summary: the board is pinned anyway.
  const link = await permalinkOf(deps.gateway, channelId, boardTs).catch(() => null);
  if (link) {
    if (boardLinks.size > 5_000) boardLinks.clear();
    boardLinks.set(key, link);
  }
  return link;
}

/** The pinned summary of an incident or workstream channel, posted or updated in place. */
async function showSummary(
  intent: IntentOf<"summary.refresh">,
  attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  const { db } = deps.database;
  const scope = await loadDeliveryScope(db, intent.scope);
  const view = await viewOf(deps, scope.incident.id);
  let content: RenderedMessage;
  if (scope.kind === "incident") {
    const board = view.incident.boardTs && view.incident.channelId ? await boardLink(deps, view) : null;
    content = incidentSummary(view, deps.clock.now(), {
      boardLink: board,
      pageLink: incidentPageUrl(deps.config, view.incident.number),
    });
  } else {
    const workstream = view.workstreams.find((w) => w.id === scope.id);
    if (!workstream?.wantChannel) return { skipped: "no channel of its own" };
    content = workstreamSummary(view, workstream);
  }
  const channel = await channelOfScope(db, intent.scope);
  const shown = await postOrUpdate(deps.gateway, attempt, {
    channel,
    ts: scope.summaryTs,
    content,
    rememberTs: (ts) => storeSummaryTs(db, scope, ts),
  });
  // Pinned on the first post, and again after an attempt that may have died before pinning.
  if ("posted" in shown || attempt.previouslyAttempted) await deps.gateway.pin(channel, shown.ts);
  return shown;
}

export const DELIVERIES: DeliveryHandlers<Deps> = {
  "channel.create": (intent, attempt, deps) => createChannel(deps, intent.scope, attempt),

  // Topics and invites have lanes of their own and may come after the archive (./archived.ts).
  "channel.topic": unlessArchived(async (intent, _attempt, deps) => {
    const { db } = deps.database;
    const scope = await loadDeliveryScope(db, intent.scope);
    const channel = await channelOfScope(db, intent.scope);
    const view = await viewOf(deps, scope.incident.id);
    const names = await deps.users.names(
      view.roles.map((r) => r.userId).concat(view.workstreams.flatMap((w) => (w.leadId ? [w.leadId] : []))),
    );
    const nameOf = (id: string) => names.get(id) ?? id;
    if (scope.kind === "incident") {
      const topic = incidentTopic(view, nameOf);
      if (topic === scope.topic) return { unchanged: true };
      await deps.gateway.setTopic(channel, topic);
      if (!scope.topic) await deps.gateway.setPurpose(channel, incidentPurpose(view));
      await storeTopic(db, scope, topic);
      return { topic };
    }
    const workstream = view.workstreams.find((w) => w.id === scope.id);
    if (!workstream?.wantChannel) return { skipped: "no channel of its own" };
    const topic = workstreamTopic(view, workstream, nameOf);
    if (topic === scope.topic) return { unchanged: true };
    await deps.gateway.setTopic(channel, topic);
    await storeTopic(db, scope, topic);
    return { topic };
  }),

  "channel.invite": unlessArchived(async (intent, _attempt, deps) => {
    const channel = await channelOfScope(deps.database.db, intent.scope);
    const members = new Set(intent.users);
    for (const group of intent.groups) {
      for (const user of await deps.users.groupMembers(group)) members.add(user);
    }
    const users = [...members].filter((u) => /^[UW][A-Z0-9]+$/.test(u));
    // Everyone already in the channel (a handoff's holder accepting, a shift's commander on
    // again): no call. Only a fresh copy counts (src/slack/channel-membership.ts); members of a
    // call that goes anyway stay in it, since with `force` Slack invites the rest regardless.
    const inChannel = deps.membership.known(channel);
    if (inChannel && users.every((u) => inChannel.has(u)))
      return { invited: 0, alreadyMembers: users.length };
    // One call per 1000 people; someone Slack refuses does not keep the others out.
    const { refused } = await deps.gateway.invite(channel, users);
    return refused.length ? { invited: users.length - refused.length, refused } : { invited: users.length };
  }),

  async "channel.archive"(intent, _attempt, deps) {
    // The topic and the board go in lanes of their own (intents.ts): the closing topic
    // ("Resolved") and board are what an archived channel shows forever, so the archive waits
    // while one is still pending. A topic recorded after the archive is skipped by
    // unlessArchived instead.
    const { scope } = intent;
    const waitFor: [lane: string, what: string][] = [
      [laneOf({ kind: "channel.topic", scope }, undefined), "topic change"],
    ];
    if ("incidentId" in scope)
      waitFor.push([laneOf({ kind: "board.refresh", incidentId: scope.incidentId }, undefined), "board"]);
    for (const [lane, what] of waitFor) {
      if ((await pendingInLane(deps.database.db, lane, 1)).length)
        throw new NotReadyError(`the channel's ${what} goes before the archive`);
    }
    await deps.gateway.archive(await channelOfScope(deps.database.db, scope));
  },

  async "summary.refresh"(intent, attempt, deps) {
    const shown = await showSummary(intent, attempt, deps);
    // A workstream's change rolls up into the summary of the region it is under, and a
    // region's (its lead, its status) shows in the summaries of the workstreams under it.
    // One step each way, never further: summaries not posted yet are posted by their own refresh.
    if ("workstreamId" in intent.scope) {
      const { workstreamId } = intent.scope;
      for (const relative of await summaryRelativesOf(deps.database.db, workstreamId))
        await showSummary({ kind: "summary.refresh", scope: { workstreamId: relative } }, attempt, deps);
    }
    return shown;
  },

  async "workstreams.refresh"(intent, attempt, deps) {
    const workstreams = await workstreamChannelsOf(deps.database.db, intent.incidentId);
    // Summaries not posted yet are posted by the workstream's own summary.refresh.
    for (const workstream of workstreams) {
      const scope = { workstreamId: workstream.id };
      if (workstream.summaryTs) await showSummary({ kind: "summary.refresh", scope }, attempt, deps);
      await DELIVERIES["channel.topic"]({ kind: "channel.topic", scope }, attempt, deps);
    }
    return { workstreams: workstreams.length };
  },

  async "board.refresh"(intent, attempt, deps) {
    const { db } = deps.database;
    const view = await viewOf(deps, intent.incidentId);
    if (!view.services.length) return { skipped: "no services" };
    const channel = await channelOfScope(db, { incidentId: intent.incidentId });
    const shown = await postOrUpdate(deps.gateway, attempt, {
      channel,
      ts: view.incident.boardTs,
      content: recoveryBoard(view),
      rememberTs: (ts) => storeBoardTs(db, intent.incidentId, ts),
    });
    // The board is what people come back to through a long outage: pinned, so later posts do
    // not bury it, and linked from the pinned summary (refreshed now to show the link). Only a
    // summary already posted: two first posts from two lanes would pin two summaries, and the
    // summary's own first post, from the channel's lane, links a board whose ts is stored by then.
    if ("posted" in shown || attempt.previouslyAttempted) {
      await deps.gateway.pin(channel, shown.ts);
      const summary = await loadDeliveryScope(db, { incidentId: intent.incidentId });
      if (summary.summaryTs)
        await DELIVERIES["summary.refresh"](
          { kind: "summary.refresh", scope: { incidentId: intent.incidentId } },
          attempt,
          deps,
        );
    }
    return shown;
  },

  async "announcement.refresh"(intent, attempt, deps) {
    const channel = deps.config.incidents.announceChannel;
    const view = await viewOf(deps, intent.incidentId);
    // Defence in depth: record-event.ts never queues this for a private incident.
    if (!channel || view.incident.isPrivate) return { skipped: "no public announcement" };
    if (!view.incident.channelId) throw new NotReadyError("incident channel not created yet");
    return postOrUpdate(deps.gateway, attempt, {
      channel,
      ts: view.incident.announceTs,
      content: announcement(view),
      rememberTs: (ts) => storeAnnounceTs(deps.database.db, intent.incidentId, ts),
    });
  },

  async "message.post"(intent, attempt, deps) {
    if (intent.ownChannelOnly && "workstreamId" in intent.target) {
      const scope = await loadDeliveryScope(deps.database.db, intent.target);
      if (scope.kind === "workstream" && !scope.wantChannel) return { skipped: "no channel of its own" };
    }
    const parts = await renderQueued(deps, intent.message);
    const channel = await channelOfTarget(deps.database.db, intent.target);
    const posted: PostedMessage[] = [];
    for (const [part, content] of parts.entries()) {
      posted.push(
        await postOnce(
          deps.gateway,
          attempt,
          { channel, ...content, threadTs: intent.threadTs, broadcast: intent.broadcast },
          part,
        ),
      );
    }
    const first = posted[0];
    return { channel: first?.channel, ts: first?.ts, ...(posted.length > 1 ? { parts: posted.length } : {}) };
  },

  async "ephemeral.post"(intent, _attempt, deps) {
    const parts = await renderQueued(deps, intent.message);
    const channel = await channelOfTarget(deps.database.db, intent.target);
    for (const content of parts)
      await deps.gateway.postEphemeral({ channel, user: intent.userId, ...content });
  },

  async respond(intent, _attempt, deps) {
    for (const content of await renderQueued(deps, intent.message))
      await deps.gateway.respond(intent.responseUrl, { response_type: "ephemeral", ...content });
  },

  async "incident.ready"(intent, _attempt, deps) {
    const view = await viewOf(deps, intent.incidentId);
    const { number, channelId } = view.incident;
    if (!channelId) throw new NotReadyError("incident channel not created yet");
    await deps.gateway.respond(intent.responseUrl, {
      response_type: "ephemeral",
      ...incidentReady({ number, channelId }),
      replace_original: false,
    });
  },

  async "reaction.add"(intent, _attempt, deps) {
    await deps.gateway.addReaction(intent.channelId, intent.ts, intent.name);
  },

  async "bookmark.add"(intent, _attempt, deps) {
    await deps.gateway.addBookmark(
      await channelOfScope(deps.database.db, intent.scope),
      intent.title,
      intent.url,
    );
  },

  async "file.upload"(intent, _attempt, deps) {
    const channel = await channelOfScope(deps.database.db, intent.scope);
    await deps.gateway.uploadFile({ channel, ...intent });
  },

  async "canvas.create"(intent, _attempt, deps) {
    const channel = await channelOfScope(deps.database.db, intent.scope);
    return deps.gateway.createCanvas({ channel, title: intent.title, markdown: intent.markdown });
  },

  "announcement.reply": announcementReply,
  "reaction.remove": reactionRemove,
  "handoff.card": deliverHandoffCard,
  "postmortem.upload": deliverPostmortemUpload,
  "postmortem.canvas": deliverPostmortemCanvas,
  "pager.pagerduty": deliverToPager("pagerduty"),
  "pager.opsgenie": deliverToPager("opsgenie"),
  "pager.webhook": deliverToPager("webhook"),
  "pages.refresh": deliverPagesMessage,
  "statuspage.incident": deliverStatuspageIncident,
  "statuspage.components": deliverStatuspageComponents,
};
