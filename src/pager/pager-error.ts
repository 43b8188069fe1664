// How a pager's answer is judged, in the outbox's terms (the same three kinds as Slack's):
// 429 waits for Retry-After, 5xx and network errors are retried with backoff, any other 4xx
// is permanent (the request itself is wrong: a bad key, a bad shape) and never retried.
import type { PagerKind } from "../domain/paging/page.ts";

export type PagerFailure =
  | { kind: "rate_limited"; retryAfterMs: number; method: string }
  | { kind: "transient"; reason: string; method: string }
  | { kind: "permanent"; error: string; method: string };

export class PagerCallError extends Error {
  constructor(
    readonly pager: PagerKind,
    readonly failure: PagerFailure,
  ) {
    super(
      `${failure.method}: ${failure.kind === "permanent" ? failure.error : failure.kind === "transient" ? failure.reason : "rate limited"}`,
    );
    this.name = "PagerCallError";
  }
}

/** Retry-After in seconds or as an HTTP date; a minute when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number {
  if (!header) return 60_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 60_000 : Math.max(0, date - now);
}

/** A short reason from a pager's error body: its message, never what we sent (keys stay out). */
function reasonFrom(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; errors?: unknown; status?: unknown };
    const parts = [
      parsed.status,
      parsed.message,
      Array.isArray(parsed.errors) ? parsed.errors.join("; ") : null,
    ].filter((p): p is string => typeof p === "string" && p.length > 0);
    if (parts.length) return parts.join(": ").slice(0, 300);
  } catch {
    // Not JSON: the first line of the text.
  }
  return body.split("\n")[0]?.slice(0, 200) ?? "";
}

export function failureOf(
  method: string,
  status: number,
  body: string,
  retryAfter: string | null,
): PagerFailure {
  if (status === 429) return { kind: "rate_limited", retryAfterMs: retryAfterMs(retryAfter), method };
  if (status >= 500 || status === 408) return { kind: "transient", reason: `HTTP ${status}`, method };
  const reason = reasonFrom(body);
  return { kind: "permanent", error: `HTTP ${status}${reason ? ` ${reason}` : ""}`, method };
}
