// Fault injection as @slack/web-api sees it: 429 with Retry-After, 500, dropped
// connections and slow answers. Faulted calls are recorded but change nothing.
import {
  ErrorCode,
  LogLevel,
  WebAPIHTTPError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { harness } from "./harness.ts";

describe("injected faults", () => {
  it("rate_limited: HTTP 429 with Retry-After, seen as a rate-limited error", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    emulator.injectFault({ method: "chat.postMessage", kind: "rate_limited", retryAfterSeconds: 7 });
    const error = await client.chat.postMessage({ channel: channel.id, text: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).code).toBe(ErrorCode.RateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(emulator.messages(channel.id)).toEqual([]);
    expect(emulator.callsTo("chat.postMessage")).toEqual([
      expect.objectContaining({
        ok: false,
        error: "ratelimited",
        args: expect.objectContaining({ text: "x" }),
      }),
    ]);
    // Used up: the next call goes through.
    await expect(client.chat.postMessage({ channel: channel.id, text: "y" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("answers the raw 429 with Slack's body", async () => {
    const { emulator } = await harness();
    emulator.injectFault({ kind: "rate_limited", retryAfterSeconds: 3 });
    const response = await fetch(`${emulator.apiUrl}auth.test`, {
      method: "POST",
      headers: { Authorization: `Bearer ${emulator.botToken}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(await response.json()).toEqual({ ok: false, error: "ratelimited" });
  });

  it("server_error: HTTP 500, and nothing is created", async () => {
    const { emulator, client } = await harness();
    emulator.injectFault({ method: /^conversations\./, kind: "server_error", times: 2 });
    for (let i = 0; i < 2; i++) {
      const error = await client.conversations.create({ name: "inc-1" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebAPIHTTPError);
      expect((error as WebAPIHTTPError).statusCode).toBe(500);
    }
    expect(emulator.channels()).toEqual([]);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true }); // other methods unaffected
    await expect(client.conversations.create({ name: "inc-1" })).resolves.toMatchObject({ ok: true });
  });

  it("network: the connection drops without an answer", async () => {
    const { emulator, client } = await harness();
    emulator.injectFault({ kind: "network" });
    const error = await client.auth.test().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRequestError);
    expect(emulator.calls).toEqual([
      expect.objectContaining({ method: "auth.test", ok: false, error: "network_error" }),
    ]);
  });

  it("delay: answers normally after the delay", async () => {
    const { emulator, client } = await harness();
    emulator.injectFault({ method: "auth.test", kind: "delay", delayMs: 300 });
    const started = performance.now();
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("a client with a timeout gives up on a delayed call that Slack still performed", async () => {
    const { emulator } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const impatient = new WebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      retryConfig: { retries: 0 },
      timeout: 100,
      logLevel: LogLevel.ERROR,
    });
    emulator.injectFault({ kind: "delay", delayMs: 1000 });
    await expect(impatient.chat.postMessage({ channel: channel.id, text: "dup?" })).rejects.toBeInstanceOf(
      WebAPIRequestError,
    );
    expect(emulator.messages(channel.id).map((m) => m.text)).toEqual(["dup?"]);
  });

  it("times: Infinity keeps failing until clearFaults", async () => {
    const { emulator, client } = await harness();
    emulator.injectFault({ kind: "server_error", times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) await expect(client.auth.test()).rejects.toBeInstanceOf(WebAPIHTTPError);
    emulator.clearFaults();
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
  });

  it("can fail response_url posts by name", async () => {
    const { emulator } = await harness();
    emulator.injectFault({ method: "response_url", kind: "server_error" });
    const url = emulator.createResponseUrl();
    const response = await fetch(url, { method: "POST", body: JSON.stringify({ text: "x" }) });
    expect(response.status).toBe(500);
    expect(emulator.responsesTo(url)).toEqual([]);
  });
});
