// The status page's routes over one shared read: the three pages share it, caches in front are
// told to keep a page as long as the bot does (or to ask every time when that is off), and a
// failed read answers 503 that nothing may keep, logged once per read, the next view reading again.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import type { PublishedIncident } from "../../../src/db/repositories/status-page.ts";
import { statusPageRoutes } from "../../../src/http/status/status-routes.ts";

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function routesOver(cacheMs: number | null, publishedSince: () => Promise<PublishedIncident[]>) {
  const errors: unknown[] = [];
  const routes = statusPageRoutes({
    clock: { now: () => new Date("2026-03-08T06:00:00Z") },
    publishedSince,
    onError: (error) => errors.push(error),
    appBaseUrl: "https://status.example.com",
    cacheMs,
  });
  const view = (path: string) =>
    new Promise<Answer>((resolve) => {
      const answer: Answer = { status: 0, headers: {}, body: "" };
      const req = { method: "GET", url: path, headers: { host: "bot" } } as unknown as IncomingMessage;
      const res = {
        writeHead: (status: number, headers: Record<string, string>) => {
          Object.assign(answer, { status, headers });
          return res;
        },
        end: (body: string) => resolve({ ...answer, body }),
      } as unknown as ServerResponse;
      routes.find((route) => route.path === path)?.handler(req, res);
    });
  return { view, errors };
}

describe("the status page's routes", () => {
  it("share one read across the page, the JSON and the feed, and let caches keep it as long", async () => {
    let reads = 0;
    const { view } = routesOver(30_000, async () => {
      reads++;
      return [];
    });
    const answers = await Promise.all(["/status", "/status.json", "/status.atom", "/status"].map(view));
    expect(reads).toBe(1);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers["cache-control"]).toBe("public, max-age=30");
    }
    expect(answers[2]?.body).toContain("https://status.example.com/status");
  });

  it("read for each view and tell caches to ask every time when the shared read is off", async () => {
    let reads = 0;
    const { view } = routesOver(null, async () => {
      reads++;
      return [];
    });
    expect((await view("/status.json")).headers["cache-control"]).toBe("no-cache");
    await view("/status.json");
    expect(reads).toBe(2);
  });

  it("answer 503 that no cache may keep when the read fails, log it once, and read again at the next view", async () => {
    let fail = true;
    const { view, errors } = routesOver(30_000, async () => {
      if (fail) throw new Error("database unavailable");
      return [];
    });
    const [failed, alsoFailed] = await Promise.all([view("/status"), view("/status.json")]);
    for (const answer of [failed, alsoFailed]) {
      expect(answer?.status).toBe(503);
      expect(answer?.headers["cache-control"]).toBe("no-store");
      expect(answer?.body).toMatch(/unavailable right now/);
    }
    // Logged once for the read both views waited for.
    expect(errors).toHaveLength(1);
    fail = false;
    expect((await view("/status")).status).toBe(200);
  });
});
