// A Statuspage answer judged in the outbox's terms, as pagers' are (../pager/pager-error.ts):
// 429 waits for Retry-After, 5xx and network errors are retried with backoff, any other 4xx
// (a bad key, a missing page) is permanent and never retried.
import type { PagerFailure } from "../pager/pager-error.ts";

export class StatuspageCallError extends Error {
  constructor(readonly failure: PagerFailure) {
    super(
      `${failure.method}: ${failure.kind === "permanent" ? failure.error : failure.kind === "transient" ? failure.reason : "rate limited"}`,
    );
    this.name = "StatuspageCallError";
  }
}
