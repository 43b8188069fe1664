// Enqueueing on both stores (PostgreSQL folds the absorbing UPDATEs into the INSERT): a state
// refresh still waiting absorbs a new one, one being sent does not, and a batch keeps its order.
import { describe, expect, it } from "vitest";
import type { Intent } from "../../src/outbox/intents.ts";
import { testedProviders } from "../support/databases.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const NOW = new Date("2026-03-08T06:00:00.000Z");
const refresh: Intent = { kind: "summary.refresh", scope: { incidentId: 7 } };
const react = (ts: string): Intent => ({
  kind: "reaction.add",
  channelId: "C0INCIDENT7",
  ts,
  name: "pushpin",
});

describe.each(testedProviders())("outbox enqueue on %s", (provider) => {
  const deps = useTestDeps(provider);

  const enqueue = (intents: Intent[]) =>
    deps().store.transaction((repos) =>
      repos.outbox.enqueue(intents, { now: NOW, announceChannel: undefined }),
    );
  const pending = async () =>
    (
      await deps().database.db.outboxMessage.findMany({
        where: { status: "pending" },
        orderBy: { id: "asc" },
        select: { kind: true, payload: true, nextAttemptAt: true, createdAt: true },
      })
    ).map((m) => `${m.kind}${m.kind === "reaction.add" ? ` ${(m.payload as { ts: string }).ts}` : ""}`);

  it("absorbs a refresh into the one still waiting, and keeps the batch's order", async () => {
    await enqueue([react("1.1"), refresh, react("1.2")]);
    await enqueue([refresh, react("1.3"), refresh]);
    expect(await pending()).toEqual([
      "reaction.add 1.1",
      "summary.refresh",
      "reaction.add 1.2",
      "reaction.add 1.3",
    ]);
    const stored = await deps().database.db.outboxMessage.findFirstOrThrow({
      where: { kind: "summary.refresh" },
    });
    expect(stored.payload).toEqual(refresh);
    expect(stored.nextAttemptAt).toEqual(NOW);
    expect(stored.createdAt).toEqual(NOW);
  });

  it("queues a new refresh when the waiting one is being sent", async () => {
    await deps().database.db.outboxMessage.updateMany({
      where: { kind: "summary.refresh" },
      data: { sendingAt: NOW },
    });
    await enqueue([refresh]);
    await enqueue([refresh]);
    expect(await deps().database.db.outboxMessage.count({ where: { kind: "summary.refresh" } })).toBe(2);
  });
});
