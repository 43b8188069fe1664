// Shared set-up for the emulator's own tests: an emulator, a real WebClient pointed at it
// (no retries, so failures surface at once), and a way to read Slack's error code.
import { LogLevel, WebAPIPlatformError, WebClient } from "@slack/web-api";
import { afterEach } from "vitest";
import {
  type SlackEmulator,
  type SlackEmulatorOptions,
  startSlackEmulator,
} from "../../support/slack-emulator/index.ts";

export interface Harness {
  emulator: SlackEmulator;
  client: WebClient;
}

const running: SlackEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
});

/** A fresh emulator (stopped after the test) and a WebClient for its bot token. */
export async function harness(options: SlackEmulatorOptions = {}): Promise<Harness> {
  const emulator = await startSlackEmulator(options);
  running.push(emulator);
  const client = new WebClient(emulator.botToken, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
  });
  return { emulator, client };
}

/** The Slack error code a call failed with ("" when it did not fail that way). */
export async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) return error.data.error;
    throw error;
  }
  return "";
}

/** A raw Web API call, for what WebClient cannot send (no token, odd bodies). */
export async function rawCall(
  emulator: SlackEmulator,
  method: string,
  body: string,
  headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" },
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${emulator.apiUrl}${method}`, { method: "POST", headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
