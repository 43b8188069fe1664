// Real databases for tests: a fresh SQLite file or a fresh PostgreSQL database per test file,
// each a copy of a template migrated once per run by global-setup.ts (migrating is slow;
// copying is milliseconds).
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import type { Provider } from "../../src/db/database-url.ts";
import { PG_ADMIN_URL, pgUrlFor } from "./pg-admin.ts";

export const PROVIDERS: Provider[] = ["sqlite", "postgresql"];

export interface TestDatabase {
  provider: Provider;
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated, empty database of `provider`, private to the caller. */
export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  counter++;
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "incident-bot-test-"));
    const file = join(dir, "test.db");
    copyFileSync(inject("sqliteTemplate"), file);
    return { provider, url: `file:${file}`, drop: async () => {} };
  }
  const template = inject("postgresTemplate");
  if (!template) throw new Error("PostgreSQL tests were disabled for this run (SKIP_POSTGRES=1)");
  const name = `${template}_t${process.pid}_${counter}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    // Concurrent copies of one template can collide ("source database is being accessed").
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !/being accessed/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    provider,
    url: pgUrlFor(name),
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Providers this run tests: both, unless PostgreSQL was explicitly disabled outside CI. */
export function testedProviders(): Provider[] {
  return inject("postgresTemplate") ? PROVIDERS : ["sqlite"];
}

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    postgresTemplate: string;
  }
}
