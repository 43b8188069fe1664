// 2. Timeline write throughput: status updates recorded per second end to end (signed HTTP →
// Bolt → use case → transaction → ack) versus the requests per second the bare Bolt app answers
// at the same concurrency (the ceiling), and, for information, the raw driver inserting the rows.
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { Provider } from "../src/db/database-url.ts";
import { sqliteFilePath } from "../src/db/database-url.ts";
import { benchDatabase } from "./databases.ts";
import { round } from "./stats.ts";

export interface ThroughputResult {
  provider: Provider;
  appPerSecond: number;
  /** Requests per second the bare Bolt app answers at the same concurrency (same run). */
  barePerSecond: number;
  /** The bot's updates per second over the bare app's requests per second (target ≥ 0.5). */
  ofBare: number;
  /** Information: the raw driver inserting the same rows one by one. */
  rawPerSecond: number;
  /** How many times faster the bare driver is than the whole app. */
  ratio: number;
  /**
   * What bounds the bot's rate: CPU per update (the bot) and per request (the bare app) over
   * their own turns, in ms; null without /proc (and in results written before it was measured).
   */
  cpuMs?: { app: number; bare: number } | null;
}

/** Inserts `count` timeline rows one statement at a time (autocommit), as fast as the driver can. */
export async function rawInsertRate(provider: Provider, count: number): Promise<number> {
  const database = await benchDatabase(provider);
  const now = new Date().toISOString();
  const data = JSON.stringify({ kind: "update_posted", text: "raw", broadcast: false });
  try {
    if (provider === "sqlite") {
      const handle = new BetterSqlite3(sqliteFilePath(database.url));
      handle.pragma("journal_mode = WAL");
      handle.pragma("synchronous = NORMAL");
      handle
        .prepare(
          `INSERT INTO "Incident" (number, title, severity, "peakSeverity", status, regions, services, "declaredById", "createdAt", "updatedAt") VALUES (1, 't', 1, 1, 'investigating', '[]', '[]', 'U1', ?, ?)`,
        )
        .run(now, now);
      const insert = handle.prepare(
        `INSERT INTO "TimelineEntry" ("incidentId", kind, "occurredAt", "recordedAt", "actorId", text, data) VALUES (1, 'update_posted', ?, ?, 'U1', ?, ?)`,
      );
      const started = performance.now();
      for (let i = 0; i < count; i++) insert.run(now, now, `raw update ${i}`, data);
      const rate = count / ((performance.now() - started) / 1000);
      handle.close();
      return rate;
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `INSERT INTO "Incident" (number, title, severity, "peakSeverity", status, regions, services, "declaredById", "createdAt", "updatedAt") VALUES (1, 't', 1, 1, 'investigating', '[]', '[]', 'U1', now(), now())`,
    );
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      await client.query(
        `INSERT INTO "TimelineEntry" ("incidentId", kind, "occurredAt", "recordedAt", "actorId", text, data) VALUES (1, 'update_posted', now(), now(), 'U1', $1, $2)`,
        [`raw update ${i}`, data],
      );
    }
    const rate = count / ((performance.now() - started) / 1000);
    await client.end();
    return rate;
  } finally {
    await database.drop();
  }
}

export function throughputResult(
  provider: Provider,
  appPerSecond: number,
  barePerSecond: number,
  rawPerSecond: number,
  cpuMsPerRequest: { app: number; bare: number } | null = null,
): ThroughputResult {
  return {
    provider,
    appPerSecond: round(appPerSecond, 1),
    barePerSecond: round(barePerSecond, 1),
    ofBare: round(appPerSecond / barePerSecond),
    rawPerSecond: round(rawPerSecond, 1),
    ratio: round(rawPerSecond / appPerSecond, 1),
    cpuMs: cpuMsPerRequest,
  };
}
