// `npm run backup -- <file>` (or `node dist/cli/backup.js <file>`): copies the embedded SQLite
// database to <file> while the bot keeps running. PostgreSQL is backed up with its own tools
// (pg_dump, base backups); see README "Operating in production".
import { existsSync } from "node:fs";
import { BackupError, backupSqlite } from "../db/backup.ts";
import { DEFAULT_DATABASE_URL, providerOf } from "../db/database-url.ts";

if (existsSync(".env")) process.loadEnvFile(".env");
const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const [target] = process.argv.slice(2);

if (!target) {
  console.error("usage: npm run backup -- <file>   (copies the SQLite database named by DATABASE_URL)");
  process.exit(2);
}
if (providerOf(url) !== "sqlite") {
  console.error(
    'DATABASE_URL is PostgreSQL: back it up with pg_dump or your provider\'s snapshots (README "Operating in production").',
  );
  process.exit(2);
}
try {
  const result = await backupSqlite(url, target);
  console.log(`backed up ${result.source} to ${result.target} (${result.pages} pages)`);
} catch (error) {
  if (error instanceof BackupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
