// What a failed outbox delivery becomes, without a database: our own pacing is waited out
// uncounted, another lane's work is waited for, Retry-After and backoff set the retry time,
// a database error never fails the message, a permanent rejection or a crash does; and which
// kinds lose their "being sent" mark.
import { describe, expect, it } from "vitest";
import { NotReadyError } from "../../../src/outbox/delivery.ts";
import { backoffMs, decideFailure, type FailedAttempt } from "../../../src/outbox/delivery-outcome.ts";
import { isCoalescingKind, isPacedRefresh } from "../../../src/outbox/intents.ts";
import { UnknownMessageError } from "../../../src/outbox/messages.ts";
import { PagerCallError } from "../../../src/pager/pager-error.ts";
import { SlackCallError } from "../../../src/slack/gateway.ts";
import { StatuspageCallError } from "../../../src/statuspage/statuspage-error.ts";

const NOW = new Date("2026-12-04T12:00:00.000Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);

function attempt(
  error: unknown,
  message: Partial<FailedAttempt["message"]> = {},
  callsSent = 0,
): FailedAttempt {
  return {
    message: { id: 7, kind: "message.post", attempts: 2, sendingAt: null, ...message },
    error,
    now: NOW,
    callsSent,
  };
}

const paced = (retryAfterMs: number) =>
  new SlackCallError({ kind: "rate_limited", retryAfterMs, method: "chat.update", paced: true });
const databaseDown = () =>
  Object.assign(new Error("prisma P1017"), { name: "PrismaClientKnownRequestError", code: "P1017" });

describe("decideFailure", () => {
  it("waits out our own pacing for its wait, uncounted, and wakes then", () => {
    const decision = decideFailure(attempt(paced(250)));
    expect(decision).toEqual({
      waitsForOthers: false,
      log: {
        level: "debug",
        fields: { outboxId: 7, kind: "message.post", method: "chat.update", waitMs: 250 },
        message: "outbox delivery paced",
      },
      step: "rate-limited",
      settle: {
        retry: { nextAttemptAt: at(250), lastError: "chat.update: paced", clearSending: true, attempts: 2 },
      },
      wake: true,
    });
    expect(decision.observed).toBeUndefined();
  });

  it("keeps the 'being sent' mark of a paced post when an earlier call or attempt may have reached Slack", () => {
    const sentEarlier = decideFailure(attempt(paced(250), {}, 1));
    const attemptedBefore = decideFailure(attempt(paced(250), { sendingAt: at(-5_000) }));
    const refresh = decideFailure(attempt(paced(250), { kind: "summary.refresh", sendingAt: at(-5_000) }, 1));
    expect(sentEarlier.settle).toMatchObject({ retry: { clearSending: false } });
    expect(attemptedBefore.settle).toMatchObject({ retry: { clearSending: false } });
    // A state message is re-rendered, so it may lose the mark whatever reached Slack.
    expect(refresh.settle).toMatchObject({ retry: { clearSending: true } });
  });

  it("waits for another lane's work at once, uncounted, with no wake and no log", () => {
    const decision = decideFailure(
      attempt(new NotReadyError("channel not created yet"), { kind: "channel.invite" }),
    );
    expect(decision).toEqual({
      waitsForOthers: true,
      step: "wait",
      settle: {
        retry: { nextAttemptAt: NOW, lastError: "channel not created yet", clearSending: true, attempts: 2 },
      },
      wake: false,
    });
  });

  it("retries a Slack 429 after its Retry-After, at least a second, counting the attempt", () => {
    const long = decideFailure(
      attempt(new SlackCallError({ kind: "rate_limited", retryAfterMs: 30_000, method: "chat.postMessage" })),
    );
    expect(long).toMatchObject({
      observed: "retried",
      log: {
        level: "warn",
        event: { event: "outbox_delivery_retry", attempts: 3, retryInMs: 30_000, reason: "rate limited" },
      },
      step: "rate-limited",
      settle: {
        retry: {
          nextAttemptAt: at(30_000),
          lastError: "chat.postMessage: rate_limited",
          clearSending: false,
        },
      },
      wake: true,
    });
    expect(long.settle).not.toHaveProperty("retry.attempts");
    const short = decideFailure(
      attempt(new SlackCallError({ kind: "rate_limited", retryAfterMs: 10, method: "chat.postMessage" })),
    );
    expect(short.settle).toMatchObject({ retry: { nextAttemptAt: at(1_000) } });
  });

  it("retries a transient failure (5xx, timeout) after a backoff that doubles per attempt", () => {
    const slack503 = decideFailure(
      attempt(new SlackCallError({ kind: "transient", reason: "HTTP 503", method: "chat.update" }), {
        kind: "board.refresh",
        attempts: 0,
      }),
    );
    expect(slack503).toMatchObject({
      waitsForOthers: false,
      observed: "retried",
      log: {
        level: "warn",
        event: {
          event: "outbox_delivery_retry",
          outboxId: 7,
          kind: "board.refresh",
          attempts: 1,
          retryInMs: 1_000,
        },
        message: "outbox delivery will be retried",
      },
      step: "wait",
      settle: {
        retry: { nextAttemptAt: at(1_000), lastError: "chat.update: transient", clearSending: true },
      },
      wake: true,
    });
    const pagerTimeout = decideFailure(
      attempt(
        new PagerCallError("pagerduty", { kind: "transient", reason: "network: timeout", method: "events" }),
        {
          attempts: 3,
        },
      ),
    );
    expect(pagerTimeout).toMatchObject({
      log: { event: { attempts: 4, retryInMs: 8_000, method: "events", reason: "network: timeout" } },
      settle: { retry: { nextAttemptAt: at(8_000), lastError: "events: transient", clearSending: false } },
    });
  });

  it("retries a database error with backoff, keeping the 'being sent' mark, never failing the message", () => {
    const error = databaseDown();
    const decision = decideFailure(attempt(error, { kind: "summary.refresh", attempts: 40 }));
    expect(decision).toEqual({
      waitsForOthers: false,
      observed: "retried",
      log: {
        level: "warn",
        event: {
          event: "outbox_delivery_retry",
          err: error,
          outboxId: 7,
          kind: "summary.refresh",
          attempts: 41,
          retryInMs: 300_000,
          reason: "database unavailable",
        },
        message: "outbox delivery hit a database error; will be retried",
      },
      step: "wait",
      settle: {
        retry: { nextAttemptAt: at(300_000), lastError: "database unavailable", clearSending: false },
      },
      wake: true,
    });
  });

  it("has no attempt limit: the backoff stops growing at five minutes and the message is retried", () => {
    expect([1, 2, 3, 8, 9, 10, 11, 1_000].map(backoffMs)).toEqual([
      1_000, 2_000, 4_000, 128_000, 256_000, 300_000, 300_000, 300_000,
    ]);
    const thousandth = decideFailure(
      attempt(new SlackCallError({ kind: "transient", reason: "HTTP 500", method: "chat.update" }), {
        attempts: 999,
      }),
    );
    expect(thousandth).toMatchObject({
      observed: "retried",
      step: "wait",
      settle: { retry: { nextAttemptAt: at(300_000) } },
    });
  });

  it("fails a permanent rejection, naming who rejected it, without holding up the lane", () => {
    const bySlack = decideFailure(
      attempt(
        new SlackCallError({ kind: "permanent", error: "channel_not_found", method: "chat.postMessage" }),
      ),
    );
    expect(bySlack).toEqual({
      waitsForOthers: false,
      observed: "failed",
      log: {
        level: "error",
        event: {
          event: "outbox_delivery_failed",
          outboxId: 7,
          kind: "message.post",
          attempts: 3,
          reason: "rejected_by_slack",
          method: "chat.postMessage",
          error: "channel_not_found",
        },
        message: "outbox message rejected by Slack",
      },
      step: "settled",
      settle: { failed: "channel_not_found" },
      wake: false,
    });
    const byPager = decideFailure(
      attempt(new PagerCallError("opsgenie", { kind: "permanent", error: "HTTP 422", method: "alerts" })),
    );
    expect(byPager.log).toMatchObject({
      event: { reason: "rejected_by_pager" },
      message: "outbox message rejected by a pager",
    });
    const byStatuspage = decideFailure(
      attempt(new StatuspageCallError({ kind: "permanent", error: "HTTP 401", method: "incidents" })),
    );
    expect(byStatuspage.log).toMatchObject({
      event: { reason: "rejected_by_statuspage" },
      message: "outbox message rejected by Statuspage",
    });
    expect(byStatuspage.settle).toEqual({ failed: "HTTP 401" });
  });

  it("fails a message of unknown shape and one whose delivery crashed", () => {
    const unknown = decideFailure(
      attempt(new UnknownMessageError('cannot deliver intent of unknown kind "x"')),
    );
    expect(unknown).toMatchObject({
      observed: "failed",
      log: {
        event: { reason: "unknown_shape", detail: 'cannot deliver intent of unknown kind "x"' },
        message: "outbox message has a shape this version cannot deliver",
      },
      step: "settled",
      settle: { failed: 'UnknownMessageError: cannot deliver intent of unknown kind "x"' },
    });
    const bug = new TypeError("cannot read properties of undefined");
    const crashed = decideFailure(attempt(bug));
    expect(crashed).toMatchObject({
      observed: "failed",
      log: { level: "error", event: { reason: "crashed", err: bug }, message: "outbox delivery crashed" },
      step: "settled",
      settle: { failed: "TypeError: cannot read properties of undefined" },
      wake: false,
    });
  });
});

describe("isPacedRefresh", () => {
  it("is a state refresh only under pacing, and never a kind that is not one", () => {
    expect(isPacedRefresh(true, "summary.refresh")).toBe(true);
    expect(isPacedRefresh(false, "summary.refresh")).toBe(false);
    expect(isPacedRefresh(true, "message.post")).toBe(false);
    expect(isPacedRefresh(true, "from.another.version")).toBe(false);
    expect(isCoalescingKind("statuspage.components")).toBe(true);
  });
});
