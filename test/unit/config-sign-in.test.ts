// Sign in with Slack's settings: off by default (the bot starts and the pages say so), on with a
// client id, secret and APP_BASE_URL, and every half-configuration named at start without the
// secret's value.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

const base = { SLACK_BOT_TOKEN: "xoxb-1-2-secretvalue", SLACK_SIGNING_SECRET: "signing-secret-value-123" };
const signIn = {
  APP_BASE_URL: "https://incident-bot.example.com/",
  SLACK_CLIENT_ID: "2141029472.691202649728",
  SLACK_CLIENT_SECRET: "client-secret-value-e1b9e11d",
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("Sign in with Slack configuration", () => {
  it("is off without a client id and secret", () => {
    const config = loadConfig(base);
    expect(config.signIn).toBeUndefined();
    expect(config.appBaseUrl).toBeUndefined();
  });

  it("is on with client id, secret and APP_BASE_URL, calling back to <APP_BASE_URL>/auth/slack/callback", () => {
    const config = loadConfig({ ...base, ...signIn });
    expect(config.appBaseUrl).toBe("https://incident-bot.example.com");
    expect(config.signIn).toEqual({
      clientId: signIn.SLACK_CLIENT_ID,
      clientSecret: signIn.SLACK_CLIENT_SECRET,
      redirectUri: "https://incident-bot.example.com/auth/slack/callback",
      openIdUrl: "https://slack.com",
      sessionSecret: undefined,
    });
  });

  it("names a missing half, a missing APP_BASE_URL and a short session secret, never the secret", () => {
    const found = problems({
      ...base,
      SLACK_CLIENT_SECRET: signIn.SLACK_CLIENT_SECRET,
      WEB_SESSION_SECRET: "too-short",
    });
    expect(found.some((p) => p.startsWith("SLACK_CLIENT_ID is missing"))).toBe(true);
    expect(found.some((p) => p.startsWith("WEB_SESSION_SECRET must be at least 32 characters"))).toBe(true);
    expect(problems({ ...base, SLACK_CLIENT_ID: signIn.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: "x" })).toEqual([
      expect.stringMatching(/^APP_BASE_URL is missing/),
    ]);
    expect(problems({ ...base, ...signIn, APP_BASE_URL: "incident-bot.example.com" })).toEqual([
      expect.stringMatching(/^APP_BASE_URL must be an http\(s\) URL/),
    ]);
    expect(found.join("\n")).not.toContain(signIn.SLACK_CLIENT_SECRET);
    expect(found.join("\n")).not.toContain("too-short");
  });
});
