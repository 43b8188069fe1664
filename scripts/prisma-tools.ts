// Development tooling around Prisma for two providers from one model file.
// Used by scripts/db.ts (the CLI behind the db:* npm scripts) and by the drift test.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { Provider } from "../src/db/database-url.ts";
import { migrationNamesOnDisk as migrationNames } from "../src/db/migrations.ts";
import { migrationsDir, runPrisma } from "../src/db/prisma-cli.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const PROVIDERS: Provider[] = ["sqlite", "postgresql"];

const HEADER: Record<Provider, string> = {
  sqlite: 'provider = "sqlite"\n  url      = "file:./unused.db"',
  postgresql: 'provider = "postgresql"\n  url      = "postgresql://unused"',
};

export function schemaPath(provider: Provider): string {
  return join(ROOT, "prisma", provider, "schema.prisma");
}
/** The provider schema as `db:schemas` writes it from prisma/models.prisma. */
export function renderSchema(provider: Provider): string {
  const models = readFileSync(join(ROOT, "prisma", "models.prisma"), "utf8");
  return `// GENERATED from prisma/models.prisma by \`npm run db:schemas\`: do not edit.
generator client {
  provider   = "prisma-client"
  output     = "../../src/db/generated/${provider}"
  engineType = "client"
}

// At run time the URL comes from DATABASE_URL through a driver adapter
// (prisma/${provider}.config.ts, src/db/client.ts); this one only satisfies the parser.
datasource db {
  ${HEADER[provider]}
}

${models}`;
}

/** Schema files that differ from what models.prisma says they should be. */
export function staleSchemas(): Provider[] {
  return PROVIDERS.filter(
    (p) => !existsSync(schemaPath(p)) || readFileSync(schemaPath(p), "utf8") !== renderSchema(p),
  );
}

export function writeSchemas(): void {
  for (const p of PROVIDERS) {
    mkdirSync(dirname(schemaPath(p)), { recursive: true });
    writeFileSync(schemaPath(p), renderSchema(p));
  }
}

export const prisma = runPrisma;

export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** Runs `fn` with the URL of a fresh, empty database of the provider, removed afterwards. */
export async function withScratchDatabase<T>(
  provider: Provider,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "incident-bot-scratch-"));
    try {
      // The WASM schema engine cannot create the file itself (it reports "External error").
      writeFileSync(join(dir, "scratch.db"), "");
      return await fn(`file:${join(dir, "scratch.db")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = `scratch_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * SQL that would bring the provider's migrations up to its schema ("" when none is needed).
 *
 * How: apply the checked-in migrations to a scratch database, introspect it, and diff that
 * against the schema. (`migrate diff --from-migrations` would be shorter, but through the
 * SQLite driver adapter it sends each migration as one statement and fails on the second.)
 */
export async function pendingMigrationSql(provider: Provider): Promise<string> {
  return withScratchDatabase(provider, async (url) => {
    let from = ["--from-empty"];
    const dir = mkdtempSync(join(tmpdir(), "incident-bot-pull-"));
    try {
      if (migrationNames(provider).length) {
        await prisma(provider, ["migrate", "deploy"], url);
        const pulled = join(dir, "schema.prisma");
        const printed = await prisma(provider, ["db", "pull", "--print"], url);
        // Prisma prints a driver-adapter warning on stdout ahead of the schema.
        writeFileSync(pulled, printed.slice(printed.search(/^(generator|datasource) /m)));
        from = ["--from-schema-datamodel", pulled];
      }
      const out = await prisma(
        provider,
        ["migrate", "diff", ...from, "--to-schema-datamodel", schemaPath(provider), "--script"],
        url,
      );
      return /^\s*(-- This is an empty migration\.)?\s*$/.test(out) ? "" : out;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** Writes a new migration for each provider whose migrations are behind models.prisma. */
export async function createMigration(name: string, now = new Date()): Promise<string[]> {
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  const written: string[] = [];
  for (const p of PROVIDERS) {
    const sql = await pendingMigrationSql(p);
    if (!sql) continue;
    const dir = join(migrationsDir(p), `${stamp}_${slug}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "migration.sql"), sql);
    writeFileSync(join(migrationsDir(p), "migration_lock.toml"), `provider = "${p}"\n`);
    written.push(dir);
  }
  return written;
}
