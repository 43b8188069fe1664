// How a method handler says no. `fail` is a legitimate Slack answer the app must cope with
// (name_taken, not_in_channel…); `violate` means the app broke one of Slack's rules, so the
// call fails and is also listed in `emulator.violations` for tests to assert on.

export interface RuleIssue {
  /** The Slack error code the call fails with. */
  error: string;
  /** JSON pointer into the arguments, as in Slack's response_metadata messages. */
  pointer: string;
  reason: string;
}

export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    /** Set when the call broke a Slack rule: why, in words. */
    readonly violation?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(violation ? `${code}: ${violation}` : code);
    this.name = "SlackApiError";
  }
}

export function fail(code: string, extra: Record<string, unknown> = {}): never {
  throw new SlackApiError(code, undefined, extra);
}

export function violate(code: string, reason: string, extra: Record<string, unknown> = {}): never {
  throw new SlackApiError(code, reason, extra);
}

/** Fails with the first issue's error, listing every issue the way Slack does. */
export function violateAll(issues: RuleIssue[]): void {
  const first = issues[0];
  if (!first) return;
  const reason = issues.map((issue) => `${issue.reason} [${issue.pointer}]`).join("; ");
  violate(first.error, reason, {
    response_metadata: {
      messages: issues.map((issue) => `[ERROR] ${issue.reason} [json-pointer:${issue.pointer}]`),
    },
  });
}
