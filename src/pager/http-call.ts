// The one place pagers are called over HTTP (Node's fetch): a timeout, the answer judged
// (./pager-error.ts), and the outcome told to the health tracker. Logs nothing: the caller's
// URL and headers carry keys.
import type { PagerKind } from "../domain/paging/page.ts";
import type { PagerHealth } from "./health.ts";
import { failureOf, PagerCallError } from "./pager-error.ts";

const TIMEOUT_MS = 10_000;

export interface PagerHttp {
  health: PagerHealth;
  now(): Date;
}

export async function callPager(
  http: PagerHttp,
  pager: PagerKind,
  method: string,
  url: string,
  init: { headers: Record<string, string>; body: string },
): Promise<{ status: number; body: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "unreachable";
    http.health.failed(pager, http.now(), `${method}: ${reason}`, false);
    throw new PagerCallError(pager, { kind: "transient", reason, method });
  }
  const body = await response.text().catch(() => "");
  if (response.ok) {
    http.health.succeeded(pager, http.now());
    return { status: response.status, body };
  }
  const failure = failureOf(method, response.status, body, response.headers.get("retry-after"));
  const error = new PagerCallError(pager, failure);
  http.health.failed(pager, http.now(), error.message, failure.kind === "permanent");
  throw error;
}
