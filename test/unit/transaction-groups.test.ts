// Group commit (src/db/transaction-groups.ts) against a transaction that records what committed:
// changes arriving while one runs share the next transaction in arrival order, each gets its
// own answer, and a failure in a group never answers anyone from the rolled-back transaction.
import { describe, expect, it } from "vitest";
import { transactionGroups } from "../../src/db/transaction-groups.ts";
import { deferred } from "../support/deferred.ts";

/** A scope the works write to; what a transaction wrote counts only when it commits. */
interface Scope {
  writes: string[];
}

function fakeStore(options: { failCommit?: (writes: string[]) => boolean } = {}) {
  const committed: string[][] = [];
  const attempts: string[][] = [];
  const run = async <T>(work: (scope: Scope) => Promise<T>): Promise<T> => {
    const scope: Scope = { writes: [] };
    attempts.push(scope.writes);
    const value = await work(scope);
    // A hop to the event loop, as a real commit takes: changes arriving meanwhile must queue.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.failCommit?.(scope.writes)) throw new Error("the commit failed");
    committed.push(scope.writes);
    return value;
  };
  return { run, committed, attempts };
}

/** A change that writes its name, answers it, and fails when its name says so. */
const change = (name: string) => async (scope: Scope) => {
  scope.writes.push(name);
  if (name.startsWith("bad")) throw new Error(`${name} is refused`);
  return `${name} done`;
};

/** A change that waits for `open` before writing, to hold its transaction open. */
function heldChange(name: string) {
  const opened = deferred();
  const started = deferred();
  return {
    open: () => opened.resolve(),
    /** Settles once the change's work runs: its transaction is open. */
    running: started.promise,
    work: async (scope: Scope) => {
      started.resolve();
      await opened.promise;
      return change(name)(scope);
    },
  };
}

describe.each([
  { gatherFirst: false, store: "PostgreSQL's way: a key's first change starts at once" },
  { gatherFirst: true, store: "SQLite's way: after the current turn of the event loop" },
])("transaction groups, $store", ({ gatherFirst }) => {
  it("runs a change at once when nothing for its key is running", async () => {
    const store = fakeStore();
    const grouped = transactionGroups(store.run, { gatherFirst });
    await expect(grouped("incident:1", change("a"))).resolves.toBe("a done");
    expect(store.committed).toEqual([["a"]]);
  });

  it("gathers the changes that arrive in the same turn of the event loop as the first only on SQLite", async () => {
    const store = fakeStore();
    const grouped = transactionGroups(store.run, { gatherFirst });
    const answers = ["a", "b", "c"].map((name) => grouped("incident:1", change(name)));
    await expect(Promise.all(answers)).resolves.toEqual(["a done", "b done", "c done"]);
    expect(store.committed).toEqual(gatherFirst ? [["a", "b", "c"]] : [["a"], ["b", "c"]]);
  });

  it("puts the changes that arrive while one runs into one transaction, in arrival order", async () => {
    const store = fakeStore();
    const grouped = transactionGroups(store.run, { gatherFirst });
    const first = heldChange("a");
    const answers = [grouped("incident:1", first.work)];
    await first.running;
    for (const name of ["b", "c", "d"]) answers.push(grouped("incident:1", change(name)));
    first.open();
    await expect(Promise.all(answers)).resolves.toEqual(["a done", "b done", "c done", "d done"]);
    expect(store.committed).toEqual([["a"], ["b", "c", "d"]]);
  });

  it("never groups changes of different keys", async () => {
    const store = fakeStore();
    const grouped = transactionGroups(store.run, { gatherFirst });
    const first = heldChange("a");
    const held = grouped("incident:1", first.work);
    await first.running;
    // Another incident's change commits while the first incident's transaction is still open.
    await expect(grouped("incident:2", change("x"))).resolves.toBe("x done");
    first.open();
    await held;
    expect(store.committed).toEqual([["x"], ["a"]]);
  });

  it("holds at most the group size in one transaction", async () => {
    const store = fakeStore();
    const grouped = transactionGroups(store.run, { gatherFirst, maxGroup: 2 });
    const first = heldChange("a");
    const answers = [grouped("k", first.work)];
    await first.running;
    for (const name of ["b", "c", "d", "e", "f"]) answers.push(grouped("k", change(name)));
    first.open();
    await Promise.all(answers);
    expect(store.committed).toEqual([["a"], ["b", "c"], ["d", "e"], ["f"]]);
  });

  it("fails only the change at fault; the others commit without it, in order", async () => {
    const store = fakeStore();
    const grouped = transactionGroups(store.run, { gatherFirst });
    const first = heldChange("a");
    const answers = [grouped("k", first.work)];
    await first.running;
    for (const name of ["b", "c", "bad-d", "e", "f"]) answers.push(grouped("k", change(name)));
    const settled = Promise.allSettled(answers);
    first.open();
    const results = await settled;
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      "a done",
      "b done",
      "c done",
      "bad-d is refused",
      "e done",
      "f done",
    ]);
    // Nothing the failed group wrote counts; what committed holds every change but the bad one.
    expect(store.committed.flat()).toEqual(["a", "b", "c", "e", "f"]);
    expect(store.committed).toEqual([["a"], ["b", "c"], ["e", "f"]]);
  });

  it("runs each change alone when the group's commit fails", async () => {
    // Commits of more than one change fail (a lost connection, say): nobody is answered from
    // one, and each of its changes then commits alone.
    const store = fakeStore({ failCommit: (writes) => writes.length > 1 });
    const grouped = transactionGroups(store.run, { gatherFirst });
    const first = heldChange("a");
    const answers = [grouped("k", first.work)];
    await first.running;
    for (const name of ["b", "c", "d"]) answers.push(grouped("k", change(name)));
    first.open();
    await expect(Promise.all(answers)).resolves.toEqual(["a done", "b done", "c done", "d done"]);
    expect(store.attempts).toEqual([["a"], ["b", "c", "d"], ["b"], ["c"], ["d"]]);
    expect(store.committed).toEqual([["a"], ["b"], ["c"], ["d"]]);
  });

  it("takes new changes for a key after its queue ran dry", async () => {
    const store = fakeStore();
    const grouped = transactionGroups(store.run, { gatherFirst });
    await grouped("k", change("a"));
    await grouped("k", change("b"));
    await expect(grouped("k", change("bad"))).rejects.toThrow("bad is refused");
    await grouped("k", change("c"));
    expect(store.committed).toEqual([["a"], ["b"], ["c"]]);
  });
});
