// One Web API call, from parsed arguments to Slack's JSON answer: authentication, method
// lookup, required arguments, then the method itself. State changes only when the method
// succeeds, because handlers validate everything before they write.
import { SlackApiError } from "./errors.ts";
import type { MethodTable } from "./methods/access.ts";
import { chatMethods } from "./methods/chat.ts";
import { conversationMethods } from "./methods/conversations.ts";
import { fileMethods } from "./methods/files.ts";
import { itemMethods } from "./methods/items.ts";
import { peopleMethods } from "./methods/people.ts";
import { viewMethods } from "./methods/views.ts";
import { REQUIRED_ARGS } from "./required-args.ts";
import type { Args } from "./types.ts";
import type { Workspace } from "./workspace.ts";

const METHODS: MethodTable = {
  ...chatMethods,
  ...conversationMethods,
  ...fileMethods,
  ...itemMethods,
  ...peopleMethods,
  ...viewMethods,
};

export interface ApiOutcome {
  body: Record<string, unknown> & { ok: boolean; error?: string };
  /** Set when the call broke a Slack rule. */
  violation?: string;
}

export function isKnownMethod(method: string): boolean {
  return Object.hasOwn(METHODS, method);
}

export function callMethod(ws: Workspace, method: string, args: Args, token: string | undefined): ApiOutcome {
  if (token === undefined) return { body: { ok: false, error: "not_authed" } };
  if (token !== ws.identity.botToken) return { body: { ok: false, error: "invalid_auth" } };
  const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!handler) {
    return {
      body: { ok: false, error: "unknown_method", req_method: method },
      violation: `${method} is not a Slack Web API method the emulator knows`,
    };
  }
  const missing = (REQUIRED_ARGS.get(method) ?? []).filter((arg) => args[arg] === undefined);
  if (missing.length > 0) {
    return {
      body: {
        ok: false,
        error: "invalid_arguments",
        response_metadata: { messages: missing.map((arg) => `[ERROR] missing required field: ${arg}`) },
      },
      violation: `missing required argument${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`,
    };
  }
  try {
    return { body: { ok: true, ...handler(ws, args) } };
  } catch (error) {
    if (error instanceof SlackApiError) {
      const outcome: ApiOutcome = { body: { ok: false, error: error.code, ...error.extra } };
      if (error.violation !== undefined) outcome.violation = error.violation;
      return outcome;
    }
    // A bug in the emulator: fail the call loudly so no test passes because of it.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      body: { ok: false, error: "internal_error" },
      violation: `emulator error in ${method}: ${detail}`,
    };
  }
}
