// /livez and /readyz: live while the process serves; ready only while the database answers,
// the Socket Mode connection is open (in Socket Mode) and the outbox is not stuck, and ready
// again once each comes back. Each change is logged once with stable fields.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { eventually } from "../support/eventually.ts";
import { PG_ADMIN_URL } from "../support/pg-admin.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";

interface ReadyAnswer {
  status: string;
  checks: { name: string; ok: boolean; detail?: string }[];
}

async function readyz(t: TestBot): Promise<{ status: number; body: ReadyAnswer }> {
  const response = await fetch(`${t.url}/readyz`);
  return { status: response.status, body: (await response.json()) as ReadyAnswer };
}

function readinessChanges(t: TestBot): { ready: boolean; failing: string[] }[] {
  return t.logs
    .map((line) => JSON.parse(line) as { event?: string; ready: boolean; failing: string[] })
    .filter((entry) => entry.event === "readiness_changed")
    .map(({ ready, failing }) => ({ ready, failing }));
}

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

describe("readiness over HTTP, on PostgreSQL", () => {
  let t: TestBot;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    t = await startTestBot({ database });
  });
  afterAll(async () => {
    await withAdmin((admin) =>
      admin.query(`ALTER DATABASE ${new URL(database.url).pathname.slice(1)} ALLOW_CONNECTIONS true`),
    ).catch(() => {});
    await t?.stop();
    await database?.drop();
  });

  it("is not ready while the database refuses connections, stays live, and is ready again after", async () => {
    expect((await fetch(`${t.url}/livez`)).status).toBe(200);
    const before = await readyz(t);
    expect(before.status).toBe(200);
    expect(before.body.checks.map((c) => c.name)).toEqual(["database", "schema", "outbox"]);

    const name = new URL(database.url).pathname.slice(1);
    await withAdmin(async (admin) => {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
    });
    const down = await eventually(async () => {
      const answer = await readyz(t);
      expect(answer.status).toBe(503);
      return answer;
    });
    expect(down.body.checks).toContainEqual({ name: "database", ok: false, detail: "does not answer" });
    expect((await fetch(`${t.url}/livez`)).status).toBe(200);
    await readyz(t); // asked again while still down: no second log line

    await withAdmin((admin) => admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
    await eventually(async () => expect((await readyz(t)).status).toBe(200));
    expect(readinessChanges(t)).toEqual([
      { ready: true, failing: [] },
      { ready: false, failing: ["database"] },
      { ready: true, failing: [] },
    ]);
  });
});

describe("readiness and the outbox", () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot({ env: { READY_OUTBOX_STUCK_AFTER: "5m" } });
  });
  afterAll(() => t?.stop());

  it("is not ready while a pending message has waited longer than the threshold, and ready once it goes", async () => {
    expect((await readyz(t)).status).toBe(200);
    const ic = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    t.emulator.injectFault({
      method: "chat.postMessage",
      kind: "rate_limited",
      retryAfterSeconds: 30,
      times: Number.POSITIVE_INFINITY,
    });
    await t.driver.command("declare Stuck outbox --sev 3", { user: ic, channel: general });
    await t.settle();
    await t.advance("4m");
    expect((await readyz(t)).status).toBe(200);
    await t.advance("2m");
    const stuck = await readyz(t);
    expect(stuck.status).toBe(503);
    expect(stuck.body.checks.find((c) => c.name === "outbox")).toMatchObject({ ok: false });

    t.emulator.clearFaults();
    await t.advance("1m");
    expect((await readyz(t)).status).toBe(200);
  });
});

describe("readiness in Socket Mode", () => {
  let t: TestBot;

  beforeAll(async () => {
    const emulator = await startSlackEmulator();
    t = await startTestBot({ emulator, env: { SLACK_APP_TOKEN: emulator.socketMode.appToken } });
    await emulator.socketMode.connected();
  });
  afterAll(async () => {
    t?.emulator.socketMode.restore();
    await t?.stop();
    await t?.emulator.stop();
  });

  it("is not ready while the Socket Mode connection is down and ready again once it reconnects", async () => {
    await eventually(async () => expect((await readyz(t)).status).toBe(200));
    expect((await readyz(t)).body.checks.map((c) => c.name)).toContain("socket_mode");

    t.emulator.socketMode.drop();
    // Logged when the connection drops, before anyone probes.
    await eventually(() =>
      expect(readinessChanges(t).at(-1)).toEqual({ ready: false, failing: ["socket_mode"] }),
    );
    const down = await readyz(t);
    expect(down.status).toBe(503);
    expect(down.body.checks).toContainEqual({ name: "socket_mode", ok: false, detail: "not connected" });
    expect((await fetch(`${t.url}/livez`)).status).toBe(200);
    // /healthz keeps its old meaning (the database answers) for existing probes.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);

    t.emulator.socketMode.restore();
    await eventually(() => expect(readinessChanges(t).at(-1)).toEqual({ ready: true, failing: [] }), {
      timeoutMs: 60_000,
    });
    expect((await readyz(t)).status).toBe(200);
    expect(t.emulator.socketMode.connectionCount).toBe(1);
    expect(readinessChanges(t).slice(-2)).toEqual([
      { ready: false, failing: ["socket_mode"] },
      { ready: true, failing: [] },
    ]);
  });
});

describe("readiness while stopping", () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot({ env: { SHUTDOWN_DRAIN_DELAY: "5s" } });
  });
  afterAll(() => t?.stop());

  it("fails /readyz at once but keeps answering requests through SHUTDOWN_DRAIN_DELAY, then stops", async () => {
    expect((await readyz(t)).status).toBe(200);
    const stopped = t.bot.stop();
    const draining = await readyz(t);
    expect(draining.status).toBe(503);
    expect(draining.body.checks).toContainEqual({ name: "stopping", ok: false, detail: "shutting down" });
    // A request the load balancer still sends is served, not refused.
    const ic = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    expect((await t.driver.command("help", { user: ic, channel: general })).status).toBe(200);
    await stopped;
    await expect(fetch(`${t.url}/livez`)).rejects.toThrow();
  });
});
