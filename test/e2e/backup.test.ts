// `npm run backup -- <file>` copies the SQLite database while the bot runs and writes: the copy
// opens as a database with everything recorded before it, and the bot goes on working.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const TSX = import.meta.resolve("tsx");
const backup = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", TSX, join(ROOT, "src/cli/backup.ts"), ...args], {
    cwd: mkdtempSync(join(tmpdir(), "incident-bot-backup-cwd-")),
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });

describe("npm run backup", () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot({ provider: "sqlite" });
  });
  afterAll(() => t?.stop());

  it("copies the live database to a file that opens with the data, while the bot keeps working", async () => {
    const ic = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    for (const title of ["Backup drill one", "Backup drill two"])
      await t.driver.command(`declare ${title} --sev 3`, { user: ic, channel: general });
    await t.settle();

    const target = join(mkdtempSync(join(tmpdir(), "incident-bot-backup-")), "nested", "copy.db");
    // The bot keeps writing while the copy is made.
    const writing = t.driver.command("declare Written during the backup --sev 4", {
      user: ic,
      channel: general,
    });
    const result = backup({ DATABASE_URL: t.database.url }, target);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/backed up .* to .*copy\.db \(\d+ pages\)/);
    expect((await writing).status).toBe(200);

    const copy = await openDatabase(`file:${target}`);
    try {
      const titles = (await copy.db.incident.findMany({ orderBy: { id: "asc" } })).map((i) => i.title);
      expect(titles.slice(0, 2)).toEqual(["Backup drill one", "Backup drill two"]);
    } finally {
      await copy.close();
    }
    // The live database is untouched and still in use.
    await t.driver.command("declare After the backup --sev 4", { user: ic, channel: general });
    expect(await t.bot.deps.database.db.incident.count()).toBe(4);

    // Never over an existing file.
    const again = backup({ DATABASE_URL: t.database.url }, target);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
  });

  it("explains usage, and that PostgreSQL is backed up with its own tools", () => {
    const usage = backup({ DATABASE_URL: "file:/nonexistent.db" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("usage: npm run backup -- <file>");
    const postgres = backup({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x" }, "out.db");
    expect(postgres.status).toBe(2);
    expect(postgres.stderr).toContain("pg_dump");
    expect(existsSync("out.db")).toBe(false);
  });
});
