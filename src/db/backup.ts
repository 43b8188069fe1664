// Online backup of the embedded SQLite database with SQLite's backup API (through
// better-sqlite3): safe while the bot runs and writes, and the copy is a consistent database
// file (WAL content included), unlike copying the file with cp.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sqliteFilePath } from "./database-url.ts";

export class BackupError extends Error {
  override name = "BackupError";
}

export interface BackupResult {
  source: string;
  target: string;
  pages: number;
}

export async function backupSqlite(databaseUrl: string, target: string): Promise<BackupResult> {
  const source = resolve(sqliteFilePath(databaseUrl));
  const destination = resolve(target);
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source} to back up.`);
  if (destination === source) throw new BackupError("The backup must go to another file than the database.");
  if (existsSync(destination))
    throw new BackupError(`${destination} already exists; choose a new file (a backup never overwrites).`);
  mkdirSync(dirname(destination), { recursive: true });
  // Read-only: the backup never writes the live database. The bot's own writes go on; SQLite's
  // backup restarts a step that saw a change, so the copy is one consistent snapshot.
  const handle = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await handle.backup(destination);
    return { source, target: destination, pages: totalPages };
  } finally {
    handle.close();
  }
}
