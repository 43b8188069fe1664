// SQLite's write-ahead log is checkpointed on a thread of its own, not inside the bot's commits
// (src/db/sqlite-checkpoints.ts): the bot's connection never checkpoints, the thread copies the
// log into the database file as the bot writes, closing leaves no log behind, and a thread that
// fails hands checkpoints back to the commits.
import { existsSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { sqliteFilePath } from "../../src/db/database-url.ts";
import { startOffThreadCheckpoints } from "../../src/db/sqlite-checkpoints.ts";
import { createTestDatabase } from "../support/databases.ts";
import { eventually } from "../support/eventually.ts";

const pragmaValue = async (db: { $queryRawUnsafe<T>(sql: string): Promise<T> }, pragma: string) => {
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${pragma}`);
  return Number(Object.values(row ?? {})[0]);
};

describe("SQLite checkpoints off the event loop", () => {
  it("copies the log into the database file from its own thread while the bot's connection never checkpoints", async () => {
    const testDatabase = await createTestDatabase("sqlite");
    const file = sqliteFilePath(testDatabase.url);
    const failures: unknown[] = [];
    const database = await openDatabase(testDatabase.url, {
      checkpointOffThread: { onFailure: (error) => failures.push(error) },
    });
    try {
      expect(await pragmaValue(database.db, "wal_autocheckpoint")).toBe(0);
      const before = statSync(file).size;
      await database.db.$executeRawUnsafe(`CREATE TABLE "Bulk" ("v" TEXT)`);
      // About 4 MB in 400 commits: past SQLite's own 1,000-page checkpoint, which is off here.
      const row = "x".repeat(10_000);
      for (let i = 0; i < 400; i++)
        await database.db.$executeRawUnsafe(`INSERT INTO "Bulk" VALUES ('${row}')`);
      // Only a checkpoint writes the rows into the database file itself.
      await eventually(async () => expect(statSync(file).size).toBeGreaterThan(before + 4_000_000), {
        timeoutMs: 30_000,
        intervalMs: 50,
      });
      expect(failures).toEqual([]);
    } finally {
      await database.close();
    }
    // The bot's connection, closed after the thread's, checkpointed the rest and removed the log.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("hands checkpoints back to the commits when its thread fails, and says so once", async () => {
    const pages: number[] = [];
    const failures: unknown[] = [];
    const checkpoints = await startOffThreadCheckpoints({
      file: "/nonexistent/dir/incident-bot.db",
      setAutocheckpoint: async (n) => void pages.push(n),
      onFailure: (error) => failures.push(error),
    });
    await eventually(async () => expect(failures).toHaveLength(1), { timeoutMs: 30_000, intervalMs: 20 });
    expect(pages).toEqual([0, 1_000]);
    expect(String(failures[0])).toMatch(/unable to open|does not exist|directory/i);
    await checkpoints.stop();
    expect(failures).toHaveLength(1);
  });
});
