// /healthz answers 503 when the database does not, so a load balancer stops sending requests
// to this replica; commands answer a clear error instead of hanging.

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { PG_ADMIN_URL } from "../support/pg-admin.ts";

describe("when the database goes away", () => {
  let t: TestBot;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    t = await startTestBot({ database });
  });
  afterAll(async () => {
    await t.stop().catch(() => {});
    await database.drop();
  });

  it("reports 200 while PostgreSQL answers and 503 once it does not", async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const name = new URL(database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable", database: { reachable: false } });

    const user = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [user] }).id;
    const answer = await t.driver.command("declare Database down too", { user, channel: general });
    expect(answer.status).toBe(200);
    expect((answer.json as { text: string }).text).toMatch(/failed on our side/);
  });
});
