// What the bot knows about Slack's rate limits before it meets any 429: the tier of each Web
// API method it calls, and the steady rate and burst it paces itself to. The one table of
// these numbers; the pacer (./pacer.ts) learns the rest from Retry-After.
//
// Sources:
// - Tiers and rates: docs.slack.dev/apis/web-api/rate-limits ("Tier 1: 1+ per minute,
//   Tier 2: 20+, Tier 3: 50+, Tier 4: 100+"; limits are per method per workspace) and each
//   method's reference page ("Rate limits: Tier N"), as summarised in
//   ../shared/slack/methods_summary.json (docs_rate_limit / java_sdk_tier).
// - chat.postMessage: "1 message per second per channel, with short bursts of more than 1
//   allowed" (same page, "Special rate limits"); a workspace-wide limit of several hundred a
//   minute also applies, which one incident bot does not approach.
// - Bursts: Slack allows bursts but does not publish their size. We assume a tenth of a
//   minute's calls (at least 1), and 3 posts per channel: small enough to stay under Slack,
//   and a 429 still teaches the pacer the real answer.

export interface PaceLimit {
  /** Steady calls per minute. */
  perMinute: number;
  /** Calls that may go back to back after a quiet spell. */
  burst: number;
  /** "workspace": one budget per method; "channel": one per method and channel. */
  scope: "workspace" | "channel";
}

function tier(perMinute: number): PaceLimit {
  return { perMinute, burst: Math.max(1, Math.round(perMinute / 10)), scope: "workspace" };
}

export const TIER_1 = tier(1);
export const TIER_2 = tier(20);
export const TIER_3 = tier(50);
export const TIER_4 = tier(100);
export const POST_MESSAGE: PaceLimit = { perMinute: 60, burst: 3, scope: "channel" };

/** Methods the bot calls, by tier. Unlisted methods are paced only by what 429s teach. */
export const KNOWN_LIMITS: ReadonlyMap<string, PaceLimit> = new Map<string, PaceLimit>([
  ["chat.postMessage", POST_MESSAGE],
  ["chat.update", TIER_3],
  ["chat.delete", TIER_3],
  ["chat.postEphemeral", TIER_4],
  ["chat.getPermalink", TIER_4],
  ["conversations.create", TIER_2],
  ["conversations.invite", TIER_3],
  ["conversations.setTopic", TIER_2],
  ["conversations.setPurpose", TIER_2],
  ["conversations.archive", TIER_2],
  ["conversations.info", TIER_3],
  ["conversations.history", TIER_3],
  ["conversations.replies", TIER_3],
  ["conversations.members", TIER_4],
  ["conversations.list", TIER_2],
  ["conversations.open", TIER_3],
  ["conversations.join", TIER_3],
  ["pins.add", TIER_2],
  ["pins.remove", TIER_2],
  ["bookmarks.add", TIER_2],
  ["reactions.add", TIER_3],
  ["reactions.remove", TIER_2],
  ["users.info", TIER_4],
  ["users.lookupByEmail", TIER_3],
  ["usergroups.users.list", TIER_2],
  ["views.open", TIER_4],
  ["views.push", TIER_4],
  ["views.update", TIER_4],
  ["views.publish", TIER_4],
  ["files.getUploadURLExternal", TIER_4],
  ["files.completeUploadExternal", TIER_4],
  ["files.list", TIER_3],
  ["canvases.create", TIER_2],
]);
