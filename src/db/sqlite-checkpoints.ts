// SQLite's write-ahead log checkpointed on a thread of its own. By default SQLite checkpoints
// inside the commit that takes the log past 1,000 pages: that commit copies the log into the
// database file and syncs it, and since better-sqlite3 is synchronous, the bot's whole event
// loop waits, with every acknowledgement in flight. Measured on the 2-core VM (20,000 commits of
// an update's three rows): with those checkpoints, 12 commits over 5 ms (up to 13.6 ms, 660 ms
// of stalls in all); with none, none over 2.1 ms. Here the connection the bot writes on never
// checkpoints (`wal_autocheckpoint = 0`), and a worker thread with a connection of its own runs
// a PASSIVE checkpoint every CHECKPOINT_EVERY_MS: it copies what no reader still needs and waits
// for nobody, while the bot goes on committing to the log. Should that thread fail, the commits
// checkpoint again as before: slower tails, never a log that grows without end.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** Often enough that the log stays small (a busy outage writes a few hundred pages a second). */
const CHECKPOINT_EVERY_MS = 200;
/** SQLite's own default, put back when the thread fails. */
const AUTOCHECKPOINT_PAGES = 1_000;

// Plain CommonJS run as the worker's source (`eval`): a separate .ts file would not load where
// no TypeScript loader runs in workers (the tests' transform, a compiled build's layout).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

/** What one PASSIVE checkpoint reported: frames in the log, and how many are in the database file. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface OffThreadCheckpointOptions {
  /** The database file. */
  file: string;
  /** Sets `wal_autocheckpoint` on the connection the bot writes on (0 while the thread runs). */
  setAutocheckpoint(pages: number): Promise<void>;
  /** Told once if the thread fails; the commits checkpoint again from then on. */
  onFailure(error: unknown): void;
  /** Told each checkpoint's result (tests). */
  onCheckpoint?(result: CheckpointResult): void;
}

export interface OffThreadCheckpoints {
  /** Ends the thread (its connection closed); the bot's connection then checkpoints on close. */
  stop(): Promise<void>;
}

export async function startOffThreadCheckpoints(
  options: OffThreadCheckpointOptions,
): Promise<OffThreadCheckpoints> {
  await options.setAutocheckpoint(0);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: createRequire(import.meta.url).resolve("better-sqlite3"), file: options.file },
  });
  worker.unref();
  let stopping = false;
  let failed = false;
  let inFlight = false;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));

  const fail = (error: unknown) => {
    if (failed || stopping) return;
    failed = true;
    clearInterval(timer);
    void worker.terminate();
    void options
      .setAutocheckpoint(AUTOCHECKPOINT_PAGES)
      .catch(() => {})
      .finally(() => options.onFailure(error));
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the checkpoint thread exited (${code})`)));
  worker.on("message", (message: { result?: CheckpointResult; error?: string }) => {
    inFlight = false;
    if (message.error !== undefined) fail(new Error(message.error));
    else if (message.result) options.onCheckpoint?.(message.result);
  });
  const timer = setInterval(() => {
    if (inFlight || failed || stopping) return;
    inFlight = true;
    worker.postMessage("checkpoint");
  }, CHECKPOINT_EVERY_MS);
  timer.unref();

  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(timer);
      if (failed) return;
      worker.postMessage("close");
      // A worker stuck in a checkpoint still ends: the bot's connection finishes the job on close.
      const stuck = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(stuck);
    },
  };
}
