// Driver signatures: Bolt's own verifySlackRequest accepts them, and the deliberately bad
// ones (wrong, stale, missing) it must refuse.
import { describe, expect, it } from "vitest";
import { createSlackDriver, signSlackRequest } from "../../support/slack-driver.ts";
import { captureServer, fixture, SECRET, setup, verify } from "./fake-app.ts";
import { harness } from "./harness.ts";

describe("signatures", () => {
  it("reproduces Slack's documented test vector, which Bolt verifies", () => {
    const vector = fixture("signature_test_vector.json") as {
      signing_secret: string;
      raw_body: string;
      headers: Record<string, string>;
    };
    const timestamp = vector.headers["X-Slack-Request-Timestamp"] ?? "";
    const signature = signSlackRequest(vector.signing_secret, timestamp, vector.raw_body);
    expect(signature).toBe(vector.headers["X-Slack-Signature"]);
    const captured = {
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
      body: vector.raw_body,
    };
    expect(() => verify(captured, vector.signing_secret, Number(timestamp) * 1000)).not.toThrow();
  });

  it("signs every request so that Bolt's verifySlackRequest accepts it", async () => {
    const { driver, app, alice, channel } = await setup();
    await driver.command("declare db down", { user: alice.id, channel: channel.id });
    await driver.event({ type: "app_mention", user: alice.id, channel: channel.id, text: "hi" });
    expect(app.requests).toHaveLength(2);
    for (const request of app.requests) expect(() => verify(request)).not.toThrow();
  });

  it("can send a bad signature, a stale timestamp or no signature at all", async () => {
    const { driver, app } = await setup();
    await driver.raw("{}", { contentType: "application/json", signature: "bad" });
    await driver.raw("{}", {
      contentType: "application/json",
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    await driver.raw("{}", { contentType: "application/json", unsigned: true });
    const [bad, stale, unsigned] = app.requests;
    expect(String(bad?.headers["x-slack-signature"])).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(() => verify(bad!)).toThrow(/signature mismatch/);
    expect(() => verify(stale!)).toThrow(/stale/);
    expect(unsigned?.headers["x-slack-signature"]).toBeUndefined();
    expect(() => verify(bad!, "another-secret")).toThrow();
  });

  it("uses the injected clock for the timestamp", async () => {
    const h = await harness();
    const app = await captureServer(() => ({ status: 200, body: "" }));
    const driver = createSlackDriver({
      eventsUrl: app.url,
      signingSecret: SECRET,
      emulator: h.emulator,
      now: () => 1_531_420_618_000,
    });
    await driver.raw("x=1", { contentType: "application/x-www-form-urlencoded" });
    expect(app.requests[0]?.headers["x-slack-request-timestamp"]).toBe("1531420618");
  });
});
