// WebAccess as the incident pages use it: who is viewing (or the request already answered:
// sign in for a page, 401 for data, "not configured" without a client id), and may they read
// an incident, including the answer when Slack cannot say who is in a private channel.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../../src/clock/clock.ts";
import {
  AccessCheckUnavailableError,
  buildWebAccess,
  type WebAuthParts,
} from "../../../src/http/auth/index.ts";
import { SESSION_TTL_MS } from "../../../src/http/auth/session-cookie.ts";
import { webAuthCookies } from "../../../src/http/auth/web-auth-parts.ts";
import { createLogger } from "../../../src/log/logger.ts";
import type { Directory } from "../../../src/services/ports.ts";

const signIn = {
  clientId: "1.2",
  clientSecret: "client-secret",
  redirectUri: "https://bot.example/auth/slack/callback",
  openIdUrl: "https://slack.com",
  sessionSecret: undefined,
};
const members: Record<string, string[]> = { CPRIVATE: ["UALICE"] };

function parts(overrides: Partial<WebAuthParts> = {}): WebAuthParts {
  const directory = {
    knownChannelMembers: async (channel: string) => {
      if (channel === "CDOWN") throw new Error("slack is down");
      return members[channel] ?? [];
    },
  } as Partial<Directory> as Directory;
  return {
    signIn,
    appBaseUrl: "https://bot.example",
    clock: new SimulatedClock(new Date("2026-03-08T06:00:00Z")),
    directory,
    openId: {
      exchangeCode: () => Promise.reject(new Error("not used")),
      userInfo: () => Promise.reject(new Error("not used")),
    },
    teamId: () => "TOURS",
    logger: createLogger({ level: "fatal", format: "json", secrets: [], destination: { write: () => {} } }),
    ...overrides,
  };
}

interface Answer {
  status?: number;
  headers: Record<string, unknown>;
  body: string;
}

function exchange(
  url: string,
  headers: Record<string, string>,
): { req: IncomingMessage; res: ServerResponse; answer: Answer } {
  const answer: Answer = { headers: {}, body: "" };
  const req = { method: "GET", url, headers } as unknown as IncomingMessage;
  const res = {
    writeHead(status: number, h: Record<string, unknown> = {}) {
      answer.status = status;
      answer.headers = h;
      return this;
    },
    end(body?: string) {
      answer.body = body ?? "";
    },
  } as unknown as ServerResponse;
  return { req, res, answer };
}

function sessionCookie(p: WebAuthParts, teamId = "TOURS"): string {
  const line = webAuthCookies(signIn, p.appBaseUrl).session.issue(
    { userId: "UALICE", teamId, name: "Alice", timeZone: "Asia/Seoul" },
    p.clock.now(),
  );
  return line.split(";")[0] ?? "";
}

describe("who is viewing", () => {
  it("is the signed-in person, with their time zone", async () => {
    const p = parts();
    const { req, res, answer } = exchange("/incidents/3", { cookie: sessionCookie(p), accept: "text/html" });
    expect(await buildWebAccess(p).viewer(req, res)).toEqual({
      userId: "UALICE",
      teamId: "TOURS",
      name: "Alice",
      timeZone: "Asia/Seoul",
    });
    expect(answer.status).toBeUndefined();
  });

  it("without a session: a page is sent to sign in and back, data gets 401", async () => {
    const access = buildWebAccess(parts());
    const page = exchange("/incidents/3?tab=timeline", { accept: "text/html,application/xhtml+xml" });
    expect(await access.viewer(page.req, page.res)).toBeNull();
    expect(page.answer.status).toBe(302);
    expect(page.answer.headers.location).toBe("/auth/slack/login?next=%2Fincidents%2F3%3Ftab%3Dtimeline");
    for (const url of ["/incidents/3/postmortem.md", "/incidents/3.json", "/incidents/3/download"]) {
      const data = exchange(url, { accept: "text/html" });
      expect(await access.viewer(data.req, data.res)).toBeNull();
      expect(data.answer.status).toBe(401);
    }
    const api = exchange("/incidents/3", { accept: "application/json" });
    expect(await access.viewer(api.req, api.res)).toBeNull();
    expect(api.answer.status).toBe(401);
  });

  it("an expired session, or one from another workspace, is signed out", async () => {
    const p = parts();
    const cookie = sessionCookie(p);
    const otherTeam = sessionCookie(p, "TOTHER");
    const access = buildWebAccess(p);
    const foreign = exchange("/incidents", { cookie: otherTeam, accept: "text/html" });
    expect(await access.viewer(foreign.req, foreign.res)).toBeNull();
    expect(foreign.answer.status).toBe(302);
    (p.clock as SimulatedClock).set(new Date(p.clock.now().getTime() + SESSION_TTL_MS));
    const late = exchange("/incidents", { cookie, accept: "application/json" });
    expect(await access.viewer(late.req, late.res)).toBeNull();
    expect(late.answer.status).toBe(401);
  });

  it("without Sign in with Slack configured, pages say so", async () => {
    const access = buildWebAccess(parts({ signIn: undefined }));
    const page = exchange("/incidents", { accept: "text/html" });
    expect(await access.viewer(page.req, page.res)).toBeNull();
    expect(page.answer.status).toBe(503);
    expect(page.answer.body).toContain("Sign-in is not configured");
  });
});

describe("who may read an incident", () => {
  const alice = { userId: "UALICE", teamId: "TOURS", name: "Alice" };
  const bob = { userId: "UBOB", teamId: "TOURS", name: "Bob" };

  it("public-channel incidents: anyone in our workspace, nobody from another", async () => {
    const access = buildWebAccess(parts());
    expect(await access.mayRead(bob, { channelId: "CPUBLIC", isPrivate: false })).toBe(true);
    expect(
      await access.mayRead({ ...bob, teamId: "TOTHER" }, { channelId: "CPUBLIC", isPrivate: false }),
    ).toBe(false);
  });

  it("private incidents: members of the channel only; no channel, nobody", async () => {
    const access = buildWebAccess(parts());
    expect(await access.mayRead(alice, { channelId: "CPRIVATE", isPrivate: true })).toBe(true);
    expect(await access.mayRead(bob, { channelId: "CPRIVATE", isPrivate: true })).toBe(false);
    expect(await access.mayRead(alice, { channelId: null, isPrivate: true })).toBe(false);
  });

  it("never guesses when Slack cannot say who is in the channel", async () => {
    const access = buildWebAccess(parts());
    await expect(access.mayRead(alice, { channelId: "CDOWN", isPrivate: true })).rejects.toBeInstanceOf(
      AccessCheckUnavailableError,
    );
  });
});
