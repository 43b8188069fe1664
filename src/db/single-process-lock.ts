// One bot process per SQLite file. SQLite serialises writers, but two bots on one file would
// each run the scheduler and the outbox, sending messages twice and ordering them by race; the
// way to run several replicas is PostgreSQL. The lock is an exclusive SQLite transaction held
// open on a small companion file (`<db>.lock`): the operating system releases it when the
// process dies however it dies, so a crash never leaves a stale lock to clean up, and the
// operator tools (`npm run outbox`, exports, backups) that open the database itself are not
// affected.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";

export class DatabaseInUseError extends Error {
  constructor(readonly file: string) {
    super(
      `Another incident bot is already running on the SQLite database ${file}. ` +
        "SQLite takes one bot process per file: stop the other one, or run replicas on PostgreSQL " +
        '(DATABASE_URL=postgresql://…; see README "Configuration").',
    );
    this.name = "DatabaseInUseError";
  }
}

export interface ProcessLock {
  release(): void;
}

export function lockSqliteForThisProcess(databaseFile: string): ProcessLock {
  const lockFile = `${databaseFile}.lock`;
  mkdirSync(dirname(lockFile), { recursive: true });
  // timeout 0: a held lock answers SQLITE_BUSY at once instead of waiting.
  const connection = new BetterSqlite3(lockFile, { timeout: 0 });
  try {
    connection.pragma("locking_mode = EXCLUSIVE");
    connection.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    connection.close();
    if (isBusy(error)) throw new DatabaseInUseError(databaseFile);
    throw error;
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      connection.exec("ROLLBACK");
      connection.close();
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}
