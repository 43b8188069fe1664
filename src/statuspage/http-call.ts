// The one place Statuspage is called over HTTP: `Authorization: OAuth <key>`, a timeout, the
// answer judged (429 / 5xx / 4xx) and told to the health tracker. Logs nothing: the headers
// carry the key.
import type { StatuspageConfig } from "../config.ts";
import { failureOf } from "../pager/pager-error.ts";
import type { StatuspageHealth } from "./health.ts";
import { StatuspageCallError } from "./statuspage-error.ts";

const TIMEOUT_MS = 10_000;

export interface StatuspageHttp {
  settings: StatuspageConfig;
  health: StatuspageHealth;
  now(): Date;
}

/**
 * Calls `path` under the page (e.g. "/incidents"); the parsed JSON answer. `what` names the
 * call in errors and logs ("statuspage create incident"), never with ids or text.
 */
export async function callStatuspage(
  http: StatuspageHttp,
  what: string,
  method: "GET" | "POST" | "PATCH",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const { settings } = http;
  const url = `${settings.apiUrl}/pages/${encodeURIComponent(settings.pageId)}${path}`;
  const label = `statuspage ${what}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `OAuth ${settings.apiKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : "unreachable";
    http.health.failed(http.now(), `${label}: ${reason}`, false);
    throw new StatuspageCallError({ kind: "transient", reason, method: label });
  }
  const text = await response.text().catch(() => "");
  if (response.ok) {
    http.health.succeeded(http.now());
    try {
      return text ? (JSON.parse(text) as unknown) : null;
    } catch {
      return null;
    }
  }
  const failure = failureOf(label, response.status, text, response.headers.get("retry-after"));
  const error = new StatuspageCallError(failure);
  http.health.failed(http.now(), error.message, failure.kind === "permanent");
  throw error;
}
