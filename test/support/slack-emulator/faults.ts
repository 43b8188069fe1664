// Injected failures: Slack rate-limiting, failing, stalling or dropping connections, so
// tests can prove the bot's retry and degradation paths.
import type { FaultKind, FaultOptions } from "./types.ts";

/** Pseudo-method names for the two non-Web-API endpoints, matchable by name or pattern. */
export const RESPONSE_URL_ENDPOINT = "response_url";
export const UPLOAD_ENDPOINT = "file_upload";

export interface ActiveFault {
  kind: FaultKind;
  retryAfterSeconds: number;
  delayMs: number;
}

interface Fault extends ActiveFault {
  method?: string | RegExp;
  remaining: number;
}

export class FaultSet {
  #faults: Fault[] = [];

  add(options: FaultOptions): void {
    const times = options.times ?? 1;
    if (!(times > 0)) throw new Error(`injectFault: times must be positive (got ${times})`);
    const fault: Fault = {
      kind: options.kind,
      remaining: times,
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
      delayMs: options.delayMs ?? 1000,
    };
    if (options.method !== undefined) fault.method = options.method;
    this.#faults.push(fault);
  }

  clear(): void {
    this.#faults = [];
  }

  /** The first fault matching `name`, used up by one; undefined when none applies. */
  take(name: string, isWebApi: boolean): ActiveFault | undefined {
    if (this.#faults.length === 0) return undefined;
    const index = this.#faults.findIndex((fault) => matches(fault.method, name, isWebApi));
    const fault = this.#faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return { kind: fault.kind, retryAfterSeconds: fault.retryAfterSeconds, delayMs: fault.delayMs };
  }
}

function matches(method: string | RegExp | undefined, name: string, isWebApi: boolean): boolean {
  if (method === undefined) return isWebApi;
  if (typeof method === "string") return method === name;
  method.lastIndex = 0; // a /g pattern would otherwise alternate between match and miss
  return method.test(name);
}

/** What a faulted call reports in `calls`. */
export function faultError(kind: FaultKind): string | undefined {
  switch (kind) {
    case "rate_limited":
      return "ratelimited";
    case "server_error":
      return "internal_error";
    case "network":
      return "network_error";
    case "delay":
      return undefined;
  }
}
