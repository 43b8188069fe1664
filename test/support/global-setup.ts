// Runs once per test run: migrates one template database per provider. Test files copy them.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../src/db/migrations.ts";
import { PG_ADMIN_URL, pgUrlFor } from "./pg-admin.ts";

interface Templates {
  sqliteTemplate: string;
  postgresTemplate: string;
  teardown(): Promise<void>;
}

// Each test project (unit, integration, e2e) runs this once and gets its own templates.
export default async function setup(project: TestProject) {
  const templates = await createTemplates();
  project.provide("sqliteTemplate", templates.sqliteTemplate);
  project.provide("postgresTemplate", templates.postgresTemplate);
  return () => templates.teardown();
}

async function createTemplates(): Promise<Templates> {
  const dir = mkdtempSync(join(tmpdir(), "incident-bot-templates-"));
  const sqliteTemplate = join(dir, "template.db");
  writeFileSync(sqliteTemplate, "");
  await applyMigrations("sqlite", `file:${sqliteTemplate}`);

  const skipPostgres = process.env.SKIP_POSTGRES === "1";
  if (skipPostgres && process.env.CI === "true")
    throw new Error("SKIP_POSTGRES is not allowed in CI: both stores must be tested");
  let template = "";
  if (!skipPostgres) {
    template = `incident_bot_tpl_${process.pid}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(
        `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${String(error)}). Start it ` +
          "(pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), point TEST_DATABASE_URL at one, " +
          "or run with SKIP_POSTGRES=1 to test SQLite only (refused when CI=true).",
      );
    }
    await dropLeftovers(admin);
    await admin.query(`CREATE DATABASE ${template}`);
    await applyMigrations("postgresql", pgUrlFor(template));
    await admin.end();
  }
  return {
    sqliteTemplate,
    postgresTemplate: template,
    teardown: async () => {
      rmSync(dir, { recursive: true, force: true });
      if (template) {
        const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
        await admin.connect();
        const { rows } = await admin.query<{ datname: string }>(
          "SELECT datname FROM pg_database WHERE datname LIKE $1",
          [`${template}%`],
        );
        for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
        await admin.end();
      }
    },
  };
}

/** Databases left by runs that were killed (their process no longer exists). */
async function dropLeftovers(admin: pg.Client) {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'incident_bot_tpl_%'",
  );
  for (const { datname } of rows) {
    const pid = Number(/^incident_bot_tpl_(\d+)/.exec(datname)?.[1]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {}
    if (!alive) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}
