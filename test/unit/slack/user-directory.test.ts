// Remembered names: a name Slack gave is kept for an hour, but a lookup that failed (rate limit,
// Slack down) is asked again within a minute instead of showing a raw ID for an hour.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Gateway, SlackUser } from "../../../src/slack/gateway.ts";
import { createUserDirectory } from "../../../src/slack/user-directory.ts";

function flakyGateway(failures: number) {
  let calls = 0;
  const gateway = {
    async userInfo(id: string): Promise<SlackUser> {
      calls++;
      if (calls <= failures) throw new Error("ratelimited");
      return { id, name: "ines", tz: "Asia/Seoul", isBot: false };
    },
  } as unknown as Gateway;
  return { gateway, calls: () => calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the user directory", () => {
  it("retries a failed lookup after a short while instead of keeping the raw ID for an hour", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-08T06:00:00Z"));
    const slack = flakyGateway(1);
    const users = createUserDirectory(slack.gateway);
    expect(await users.nameOf("U0INES")).toBe("U0INES");
    // Within the short window the fallback is reused: a burst does not hammer a limited Slack.
    expect(await users.nameOf("U0INES")).toBe("U0INES");
    expect(slack.calls()).toBe(1);
    vi.setSystemTime(new Date("2026-03-08T06:01:00Z"));
    expect(await users.nameOf("U0INES")).toBe("ines");
    expect(slack.calls()).toBe(2);
  });

  it("keeps a name Slack gave for the hour", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-08T06:00:00Z"));
    const slack = flakyGateway(0);
    const users = createUserDirectory(slack.gateway);
    expect((await users.get("U0INES")).tz).toBe("Asia/Seoul");
    vi.setSystemTime(new Date("2026-03-08T06:59:00Z"));
    expect(await users.nameOf("U0INES")).toBe("ines");
    expect(slack.calls()).toBe(1);
    vi.setSystemTime(new Date("2026-03-08T07:01:00Z"));
    await users.nameOf("U0INES");
    expect(slack.calls()).toBe(2);
  });
});
