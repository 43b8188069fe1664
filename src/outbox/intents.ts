// What the bot intends to do in Slack after a state change. Intents are stored in the
// outbox in the same transaction as the change, then delivered by the worker.
//
// Targets are symbolic where the Slack ID may not exist yet: an incident's channel is created
// by the outbox itself, so later intents name "the channel of incident 42", resolved when
// delivered. Intents that show current state (summary, board, topic, announcement) carry no
// content: they render the state as it is when delivered, so several pending ones coalesce.
// Messages carry a model of what they say (./messages.ts), never Block Kit: src/slack/views
// renders them when delivered.
import type { Status } from "../domain/incident/status.ts";
import type { PageAction, PagerKind } from "../domain/paging/page.ts";
import type { MessageModel } from "./messages.ts";

export type Scope = { incidentId: number } | { workstreamId: number };

/** Where a message goes: the channel of an incident or workstream, a channel ID, or a DM. */
export type Target = Scope | { channelId: string } | { userId: string };

export type Intent =
  | { kind: "channel.create"; scope: Scope }
  | { kind: "channel.topic"; scope: Scope }
  | { kind: "channel.invite"; scope: Scope; users: string[]; groups: string[] }
  | { kind: "channel.archive"; scope: Scope }
  | { kind: "summary.refresh"; scope: Scope }
  | { kind: "board.refresh"; incidentId: number }
  /** Every workstream channel of an incident: its pinned summary and topic (severity, board rows). */
  | { kind: "workstreams.refresh"; incidentId: number }
  | { kind: "announcement.refresh"; incidentId: number }
  | {
      kind: "message.post";
      target: Target;
      message: MessageModel;
      threadTs?: string;
      broadcast?: boolean;
      /** For a workstream target: post only if it has a channel of its own (else skip, not fall back). */
      ownChannelOnly?: boolean;
    }
  | { kind: "ephemeral.post"; target: Scope | { channelId: string }; userId: string; message: MessageModel }
  | { kind: "respond"; scope?: Scope; responseUrl: string; message: MessageModel }
  /** Tells the declarer, through the command's response_url, that the channel is ready. */
  | { kind: "incident.ready"; incidentId: number; responseUrl: string }
  | { kind: "reaction.add"; channelId: string; ts: string; name: string }
  | { kind: "bookmark.add"; scope: Scope; title: string; url: string }
  | { kind: "file.upload"; scope: Scope; filename: string; title: string; content: string; comment: string }
  | { kind: "canvas.create"; scope: Scope; title: string; markdown: string }
  /** A reply in the thread of the incident's announcement (a standalone post if it has none). */
  | { kind: "announcement.reply"; incidentId: number; message: MessageModel }
  | { kind: "reaction.remove"; channelId: string; ts: string; name: string }
  /** A shift handoff's message in its channel: posted once, then updated in place as it moves on. */
  | { kind: "handoff.card"; scope: Scope; handoffId: number }
  /** Renders the postmortem draft as of `generatedAt` and uploads it to the incident's own channel. */
  | { kind: "postmortem.upload"; incidentId: number; generatedAt: string; reason: "close" | "request" }
  /** The same draft as a canvas in the incident's own channel. */
  | { kind: "postmortem.canvas"; incidentId: number; generatedAt: string }
  /** One step of a page at one pager (PagerDuty, Opsgenie, webhook): idempotent there by dedup key. */
  | PagerIntent
  /** The incident channel's one message listing its pages, posted once then edited in place. */
  | { kind: "pages.refresh"; incidentId: number }
  /**
   * The incident at Atlassian Statuspage: created by its first public update, then updated
   * with each public update (`entryId`), status change or new title (`entryId` null), with the
   * status then.
   */
  | { kind: "statuspage.incident"; incidentId: number; status: Status; entryId: number | null }
  /** The Statuspage components of the services on this incident's board, as the boards are now. */
  | { kind: "statuspage.components"; incidentId: number };

export type PagerIntentKind = `pager.${PagerKind}`;
export type PagerIntent = { kind: PagerIntentKind; incidentId: number; pageId: number; action: PageAction };

export function pagerIntent(
  pager: PagerKind,
  incidentId: number,
  pageId: number,
  action: PageAction,
): PagerIntent {
  return { kind: `pager.${pager}`, incidentId, pageId, action };
}

export type IntentKind = Intent["kind"];
export type IntentOf<K extends IntentKind> = Extract<Intent, { kind: K }>;

/** Intents that render current state when delivered: a pending one makes a new one redundant. */
export const COALESCING_KINDS: ReadonlySet<IntentKind> = new Set([
  "channel.topic",
  "summary.refresh",
  "board.refresh",
  "announcement.refresh",
  "workstreams.refresh",
  "handoff.card",
  "pages.refresh",
  "statuspage.components",
]);

/**
 * Kinds a message still waiting absorbs new ones of, until it is marked as being sent: state
 * refreshes (COALESCING_KINDS) and invites (their users merged). A pass may also hold such a
 * message back without a call (a refresh under pacing, an invite inside its channel's gap).
 */
export const MERGING_KINDS: readonly string[] = [...COALESCING_KINDS, "channel.invite"];

/** A stored kind that merges (MERGING_KINDS). */
export function isMergingKind(kind: string): boolean {
  return MERGING_KINDS.includes(kind);
}

/** A stored kind (perhaps from another version) that renders current state (COALESCING_KINDS). */
export function isCoalescingKind(kind: string): boolean {
  return COALESCING_KINDS.has(kind as IntentKind);
}

/**
 * A state refresh under pacing (OutboxWorkerOptions.pacing): put off, it is stepped over rather
 * than waited for, since it renders whatever is current when it goes.
 */
export function isPacedRefresh(pacing: boolean, kind: string): boolean {
  return pacing && isCoalescingKind(kind);
}

export function scopeLane(scope: Scope): string {
  return "incidentId" in scope ? `incident:${scope.incidentId}` : `workstream:${scope.workstreamId}`;
}

function targetLane(target: Target): string {
  if ("channelId" in target) return `channel:${target.channelId}`;
  if ("userId" in target) return `user:${target.userId}`;
  return scopeLane(target);
}

/** The lanes a committed transaction recorded outbox work in (see Deps.kickOutbox). */
export interface LanesTouched {
  /** Every lane it recorded work in. */
  lanes: readonly string[];
  /** Those given work people act on (src/outbox/priority.ts URGENT): started at once. */
  urgent: readonly string[];
}

/**
 * The lane an intent is delivered in. Messages in one lane go out one at a time, in the order
 * they were recorded: one lane per conversation, so each channel sees events in order and
 * everything about an incident's channel waits for the channel to exist.
 *
 * Topics, invites and the refresh of every workstream channel go in lanes of their own: they
 * call slow tiers (conversations.setTopic is Tier 2, invites read user groups, Tier 2, and
 * invite in Tier 3) or many times, and in the channel's lane the update line and the pinned
 * summary waited behind them. Nothing needs them in order with the channel's messages: a topic
 * and the workstream refresh render the state as it is when they go (pending ones coalesce),
 * an invite only adds people. They still wait for the channel (NotReady until it exists), and
 * one still pending when the channel is archived is skipped (deliveries/archived.ts).
 *
 * The recovery board too: in the channel's lane its edit waited behind the channel's update
 * lines, so a 429 on the channel's posts (a Retry-After of half a minute) froze the one message
 * that says what is back where, though its edit draws on another limit. It renders the board
 * as it is when it goes, like a topic, and the channel's archive waits for it.
 */
export function laneOf(intent: Intent, announceChannel: string | undefined): string {
  switch (intent.kind) {
    case "channel.topic":
      return `topic:${scopeLane(intent.scope)}`;
    case "channel.invite":
      return `invite:${scopeLane(intent.scope)}`;
    case "workstreams.refresh":
      return `workstreams:incident:${intent.incidentId}`;
    case "channel.create":
    case "channel.archive":
    case "summary.refresh":
    case "bookmark.add":
    case "file.upload":
    case "canvas.create":
    case "handoff.card":
      return scopeLane(intent.scope);
    case "board.refresh":
      return `board:incident:${intent.incidentId}`;
    case "incident.ready":
      return `incident:${intent.incidentId}`;
    case "announcement.refresh":
      return announceChannel ? `channel:${announceChannel}` : `incident:${intent.incidentId}`;
    case "message.post":
      return targetLane(intent.target);
    case "ephemeral.post":
      return targetLane(intent.target);
    case "respond":
      return intent.scope ? scopeLane(intent.scope) : `respond:${intent.responseUrl}`;
    case "reaction.add":
      return `channel:${intent.channelId}`;
    // Behind the announcement itself, so a reply never goes out before the message it answers.
    case "announcement.reply":
      return announceChannel ? `channel:${announceChannel}` : `incident:${intent.incidentId}`;
    case "reaction.remove":
      return `channel:${intent.channelId}`;
    case "postmortem.upload":
    case "postmortem.canvas":
    case "pages.refresh":
      return `incident:${intent.incidentId}`;
    // Each pager its own lane per incident: in order (trigger before acknowledge before
    // resolve), and an outage of one pager holds up neither Slack nor the other pagers.
    case "pager.pagerduty":
    case "pager.opsgenie":
    case "pager.webhook":
      return `${intent.kind}:incident:${intent.incidentId}`;
    // One Statuspage lane per incident: created before updated, updates in order, and an
    // outage there holds up neither Slack nor the pagers.
    case "statuspage.incident":
    case "statuspage.components":
      return `statuspage:incident:${intent.incidentId}`;
  }
}
