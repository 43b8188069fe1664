// Keeps the database schema in step with the checked-in migrations.
// SQLite (embedded, one process) migrates itself at start-up; PostgreSQL (shared by
// replicas) is migrated by an operator with `npm run db:migrate`, and the app refuses to run
// against a schema that is behind rather than racing other replicas to change it.
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Db } from "./client.ts";
import { type Provider, sqliteFilePath } from "./database-url.ts";
import { migrationsDir, runPrisma } from "./prisma-cli.ts";

export function migrationNamesOnDisk(provider: Provider): string[] {
  const dir = migrationsDir(provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Names of migrations recorded as applied (and not rolled back) in `_prisma_migrations`. */
export async function appliedMigrationNames(db: Db): Promise<string[]> {
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    return rows.map((row) => row.migration_name);
  } catch (error) {
    // A brand-new database has no migrations table yet: nothing is applied.
    if (/_prisma_migrations|no such table|does not exist/i.test(String(error))) return [];
    throw error;
  }
}

export async function pendingMigrationNames(db: Db, provider: Provider): Promise<string[]> {
  const applied = new Set(await appliedMigrationNames(db));
  return migrationNamesOnDisk(provider).filter((name) => !applied.has(name));
}

export class SchemaBehindError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The PostgreSQL schema is behind this version of the bot (pending migrations: ${pending.join(", ")}). ` +
        "Run `npm run db:migrate` with the same DATABASE_URL, then start the bot again.",
    );
    this.name = "SchemaBehindError";
  }
}

/** Applies the provider's migrations to `databaseUrl` (the `db:migrate` command). */
export async function applyMigrations(provider: Provider, databaseUrl: string): Promise<string> {
  if (provider === "sqlite") mkdirSync(dirname(sqliteFilePath(databaseUrl)), { recursive: true });
  return runPrisma(provider, ["migrate", "deploy"], databaseUrl);
}

/** Migrations not yet applied to a SQLite file, read with a short-lived read-only handle. */
function pendingSqliteMigrations(databaseUrl: string): string[] {
  const file = sqliteFilePath(databaseUrl);
  const onDisk = migrationNamesOnDisk("sqlite");
  if (!existsSync(file)) return onDisk;
  const handle = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const table = handle
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!table) return onDisk;
    const rows = handle
      .prepare(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      )
      .all() as { migration_name: string }[];
    const applied = new Set(rows.map((row) => row.migration_name));
    return onDisk.filter((name) => !applied.has(name));
  } finally {
    handle.close();
  }
}

/**
 * Start-up step, before the app opens its own connection: migrate an embedded SQLite file
 * that is behind (the migration tool needs the file to itself). Returns what it applied.
 */
export async function prepareSchema(provider: Provider, databaseUrl: string): Promise<string[]> {
  if (provider !== "sqlite") return [];
  const pending = pendingSqliteMigrations(databaseUrl);
  if (pending.length) await applyMigrations(provider, databaseUrl);
  return pending;
}

/** After opening: a schema that is behind (PostgreSQL) is refused, naming the command to run. */
export async function assertSchemaCurrent(db: Db, provider: Provider): Promise<void> {
  const pending = await pendingMigrationNames(db, provider);
  if (pending.length) throw new SchemaBehindError(pending);
}
