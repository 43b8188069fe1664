// Group commit for changes that would queue on the same lock anyway. Every change to one
// incident locks its row (SQLite: the one write connection), so during a burst — dozens of
// responders posting updates and notes to the incident at once — they run one after another,
// and each pays a whole transaction: BEGIN, the lock, its writes, COMMIT, and on PostgreSQL the
// round trips that hold the row lock while this process's event loop is busy with the other
// requests. Here the changes that arrive for a key while a transaction for that key is open
// wait in the process instead of at the lock, and then run one after another in ONE
// transaction: the same order and the same result as one by one, a fraction of the
// transactions. On SQLite a key's first change starts after the current turn of the event loop
// (`gatherFirst`: setImmediate), so the requests read from the sockets in the same turn join
// it: a SQLite transaction's statements run synchronously, transactions seldom overlap, and
// without that nothing would group there (at concurrency 16: 1.08 transactions per update,
// 0.22 with it; same-run pair: 1.6× the updates per second, p99 0.73–0.77×). PostgreSQL's
// transactions span round trips, so groups form while one is open; there the extra turn only
// delayed the first change (same-run pair: 0.79× the updates per second), so it starts at once.
//
// A group must never change what any one change does. Each change still runs its own work
// against the state the changes before it left, and a change only succeeds when a transaction
// holding it commits. When a group fails, nobody gets an answer from it: the changes before
// the one that failed run again as a group, the one that failed runs alone (its error, if it
// fails again, is its own), and the rest follow; a failure at the commit runs each alone.
// The only visible difference: a change may wait a little for the group ahead of it.

/** Runs `work` in one transaction (the store's `transaction`). */
export type RunInTransaction<S> = <T>(work: (scope: S) => Promise<T>) => Promise<T>;

interface Waiting<S> {
  work: (scope: S) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** At most this many changes share a transaction, so none is held long behind a long queue. */
export const MAX_GROUP = 32;

export interface GroupOptions {
  /** Start a key's first change after the current turn of the event loop (SQLite). */
  gatherFirst?: boolean;
  maxGroup?: number;
}

export function transactionGroups<S>(
  runInTransaction: RunInTransaction<S>,
  { gatherFirst = false, maxGroup = MAX_GROUP }: GroupOptions = {},
): <T>(key: string, work: (scope: S) => Promise<T>) => Promise<T> {
  // A key is present while a transaction for it runs; its list holds the changes waiting for it.
  const waiting = new Map<string, Waiting<S>[]>();

  async function runAlone(change: Waiting<S>): Promise<void> {
    try {
      change.resolve(await runInTransaction(change.work));
    } catch (error) {
      change.reject(error);
    }
  }

  async function runGroup(group: Waiting<S>[]): Promise<void> {
    const [only] = group;
    if (group.length === 1 && only) return runAlone(only);
    // The change whose work was running when the transaction failed; -1 after the last one.
    let running = -1;
    let values: unknown[];
    try {
      values = await runInTransaction(async (scope) => {
        const out: unknown[] = [];
        for (const [index, change] of group.entries()) {
          running = index;
          out.push(await change.work(scope));
        }
        running = -1;
        return out;
      });
    } catch {
      if (running < 0) {
        for (const change of group) await runAlone(change);
        return;
      }
      // A write put off by an earlier change may fail during a later one's statement (or, as
      // most are written without waiting for the answer, only at the COMMIT: each runs alone
      // then, above): the changes before it, run again as a group, find that out themselves.
      if (running > 0) await runGroup(group.slice(0, running));
      await runAlone(group[running] as Waiting<S>);
      if (running + 1 < group.length) await runGroup(group.slice(running + 1));
      return;
    }
    for (const [index, change] of group.entries()) change.resolve(values[index]);
  }

  async function drain(key: string): Promise<void> {
    let group = (waiting.get(key) ?? []).splice(0, maxGroup);
    while (group.length) {
      await runGroup(group);
      const queue = waiting.get(key) ?? [];
      group = queue.splice(0, maxGroup);
    }
    waiting.delete(key);
  }

  return <T>(key: string, work: (scope: S) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const change: Waiting<S> = { work, resolve: resolve as (value: unknown) => void, reject };
      const queue = waiting.get(key);
      if (queue) {
        queue.push(change);
        return;
      }
      waiting.set(key, [change]);
      // runGroup settles every change it is given and never throws.
      if (gatherFirst) setImmediate(() => void drain(key));
      else void drain(key);
    });
}
