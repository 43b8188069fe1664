// Fresh, migrated databases for a benchmark run (outside the test runner).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Provider } from "../src/db/database-url.ts";
import { applyMigrations } from "../src/db/migrations.ts";

const PG_ADMIN_URL = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  provider: Provider;
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

/**
 * A fresh database, migrated by this checkout unless `migrate` is false: `npm run bench:compare`
 * has each revision migrate its own, with its own migrations.
 */
export async function benchDatabase(provider: Provider, { migrate = true } = {}): Promise<BenchDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "incident-bot-bench-"));
    const url = `file:${join(dir, "bench.db")}`;
    if (migrate) await applyMigrations("sqlite", url);
    return { provider, url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `incident_bot_bench_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  if (migrate) await applyMigrations("postgresql", url.toString());
  return {
    provider,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
