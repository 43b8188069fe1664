import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
// The minimal environment (`base`) and what loadConfig reports (`problems`), shared by the config tests.
import { MINIMAL_ENV as base, configProblems as problems } from "../support/config-env.ts";

describe("configuration", () => {
  it("has working defaults: SQLite, port 3000, HTTP mode, system clock, default cadences", () => {
    const config = loadConfig(base);
    expect(config.databaseUrl).toBe("file:./data/incident-bot.db");
    expect(config.port).toBe(3000);
    expect(config.slack.socketMode).toBe(false);
    expect(config.slack.apiUrl).toBe("https://slack.com/api/");
    expect(config.clock.mode).toBe("system");
    expect(config.incidents.reminderCadence).toEqual({
      1: 30 * 60_000,
      2: 60 * 60_000,
      3: 4 * 3_600_000,
      4: null,
    });
    expect(config.incidents.commanderOnly).toEqual(["deescalate", "resolve", "close", "reopen", "commander"]);
  });

  it("switches to Socket Mode with an app token, which makes the signing secret optional", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: base.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: "xapp-1-abc" });
    expect(config.slack.socketMode).toBe(true);
  });

  it("lists every problem at once, with the variable, what is wrong and a valid example", () => {
    const found = problems({
      SLACK_BOT_TOKEN: "xoxp-user-token-value",
      PORT: "http",
      DATABASE_URL: "mysql://nope",
      INCIDENT_ADMINS: "alice,U0123",
      REMINDER_CADENCE: "SEV1=soon",
      DISPLAY_TIME_ZONE: "Mars/Olympus",
      SCHEDULER_CRON: "every minute",
      COMMANDER_ONLY_ACTIONS: "resolve,explode",
    });
    const text = found.join("\n");
    for (const variable of [
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "PORT",
      "DATABASE_URL",
      "INCIDENT_ADMINS",
      "REMINDER_CADENCE",
      "DISPLAY_TIME_ZONE",
      "SCHEDULER_CRON",
      "COMMANDER_ONLY_ACTIONS",
    ]) {
      expect(text).toContain(variable);
    }
    expect(text).toContain("(e.g. PORT=3000");
    expect(text).not.toContain("xoxp-user-token-value");
  });

  it("never echoes a secret's value, even a wrong one", () => {
    const text = problems({
      SLACK_BOT_TOKEN: "not-a-token-but-secret",
      SLACK_APP_TOKEN: "bad-app-token-secret",
    }).join("\n");
    expect(text).not.toContain("not-a-token-but-secret");
    expect(text).not.toContain("bad-app-token-secret");
  });

  it("nudges long duty after 12 hours by default, takes hours or off, and refuses nonsense", () => {
    expect(loadConfig(base).incidents.longDutyHours).toBe(12);
    expect(loadConfig({ ...base, LONG_DUTY_HOURS: "8.5" }).incidents.longDutyHours).toBe(8.5);
    expect(loadConfig({ ...base, LONG_DUTY_HOURS: "off" }).incidents.longDutyHours).toBeNull();
    expect(problems({ ...base, LONG_DUTY_HOURS: "0" }).join("\n")).toMatch(
      /LONG_DUTY_HOURS.*1 to 168, or off/,
    );
    expect(problems({ ...base, LONG_DUTY_HOURS: "forever" }).join("\n")).toMatch(/LONG_DUTY_HOURS/);
  });

  it("refuses the simulated clock in production and parses its start", () => {
    expect(problems({ ...base, INCIDENT_BOT_CLOCK: "simulated", NODE_ENV: "production" }).join()).toMatch(
      /INCIDENT_BOT_CLOCK simulated is refused when NODE_ENV=production/,
    );
    const config = loadConfig({
      ...base,
      INCIDENT_BOT_CLOCK: "simulated",
      INCIDENT_BOT_SIM_START: "2023-03-08T06:00:00Z",
    });
    expect(config.clock.simStart?.toISOString()).toBe("2023-03-08T06:00:00.000Z");
    expect(problems({ ...base, INCIDENT_BOT_SIM_START: "yesterday" }).join()).toMatch(
      /INCIDENT_BOT_SIM_START/,
    );
  });

  it("reads reminder cadences, commander-only actions and ID lists", () => {
    const config = loadConfig({
      ...base,
      REMINDER_CADENCE: "SEV1=15m,SEV2=off,SEV3=2h,SEV4=1d",
      COMMANDER_ONLY_ACTIONS: "none",
      INCIDENT_ADMINS: "U0123ABC, S0456DEF",
      TIMELINE_PIN_EMOJI: ":round_pushpin:",
    });
    expect(config.incidents.reminderCadence).toEqual({
      1: 15 * 60_000,
      2: null,
      3: 7_200_000,
      4: 86_400_000,
    });
    expect(config.incidents.commanderOnly).toEqual([]);
    expect(config.incidents.admins).toEqual(["U0123ABC", "S0456DEF"]);
    expect(config.incidents.pinEmoji).toBe("round_pushpin");
  });
});
