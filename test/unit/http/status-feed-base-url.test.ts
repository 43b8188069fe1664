// The status feed's absolute links come from APP_BASE_URL when it is set, never from whatever
// Host header a request carried; without it they fall back to the (checked) Host header.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { statusPageRoutes } from "../../../src/http/status/status-routes.ts";

async function feed(appBaseUrl: string | undefined, host: string): Promise<string> {
  const routes = statusPageRoutes({
    clock: { now: () => new Date("2026-03-08T06:00:00Z") },
    publishedSince: async () => [],
    onError: (error) => {
      throw error;
    },
    appBaseUrl,
  });
  const atom = routes.find((route) => route.path === "/status.atom");
  return new Promise((resolve) => {
    const req = { method: "GET", url: "/status.atom", headers: { host } } as unknown as IncomingMessage;
    const res = { writeHead: () => res, end: (body: string) => resolve(body) } as unknown as ServerResponse;
    atom?.handler(req, res);
  });
}

describe("the status feed's links", () => {
  it("use APP_BASE_URL when it is set", async () => {
    const body = await feed("https://status.example.com", "attacker.example");
    expect(body).toContain("https://status.example.com/status");
    expect(body).not.toContain("attacker.example");
  });

  it("fall back to the Host header without it", async () => {
    expect(await feed(undefined, "bot.internal:3000")).toContain("http://bot.internal:3000/status");
  });
});
