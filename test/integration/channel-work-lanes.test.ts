// Topics and invites have lanes of their own (src/outbox/intents.ts, laneOf), delivered by the
// real deliveries against the Slack emulator: they still wait for the channel to exist, topic
// changes still waiting merge into one setTopic showing the latest state, and one still waiting
// when the channel has been archived is skipped (not sent, not failed, the lane goes on).
import { describe, expect, it } from "vitest";
import { outboxQueue } from "../../src/db/repositories/outbox.ts";
import { createLogger } from "../../src/log/logger.ts";
import { DELIVERIES } from "../../src/outbox/deliveries/index.ts";
import { dispatchDelivery, NotReadyError } from "../../src/outbox/delivery.ts";
import type { Intent } from "../../src/outbox/intents.ts";
import { OutboxWorker } from "../../src/outbox/worker.ts";
import { changeSeverity } from "../../src/services/change-severity.ts";
import { testedProviders } from "../support/databases.ts";
import { depsWithSlackEmulator } from "../support/emulator-deps.ts";
import { declareTestIncident, declareWithCreatedChannel } from "../support/integration-incident.ts";
import type { TestDeps } from "../support/test-deps.ts";

describe.each(testedProviders())("topics and invites in lanes of their own on %s", (provider) => {
  const slack = depsWithSlackEmulator(provider);
  const elapsed = { ms: 0 };

  async function world() {
    const logged: string[] = [];
    const logger = createLogger({
      level: "info",
      format: "json",
      destination: { write: (l) => logged.push(l) },
    });
    const { emulator, deps } = await slack({ logger });
    const worker = new OutboxWorker({
      queue: outboxQueue(deps.database.db, deps.database.provider),
      clock: deps.clock,
      deliver: dispatchDelivery(DELIVERIES, deps),
      logger,
      instanceId: "test",
      // Driven by the tests: invites into one channel go at most once a second of it.
      elapsed: () => elapsed.ms,
    });
    const commander = emulator.addUser({ name: "alex" }).id;
    const responder = emulator.addUser({ name: "sam" }).id;
    return { emulator, deps, worker, logged, commander, responder };
  }

  const attempt = { message: {} as never, previouslyAttempted: false };
  let requests = 0;
  const sev = (deps: TestDeps, incidentId: number, actorId: string, to: 1 | 2 | 3 | 4) =>
    changeSeverity(deps, {
      incidentId,
      workstreamId: null,
      to,
      reason: "scope changed",
      actorId,
      requestKey: `sev-${++requests}`,
    });

  it("a topic waits for the channel; changes meanwhile become one setTopic with the latest state", async () => {
    const { emulator, deps, worker, commander } = await world();
    const declared = await declareTestIncident(deps, { commanderId: commander, severity: 3 });
    const scope = { incidentId: declared.incidentId };
    await expect(
      DELIVERIES["channel.topic"]({ kind: "channel.topic", scope }, attempt, deps),
    ).rejects.toBeInstanceOf(NotReadyError);
    await sev(deps, declared.incidentId, commander, 2);
    await sev(deps, declared.incidentId, commander, 1);
    const topics = await deps.database.db.outboxMessage.findMany({
      where: { kind: "channel.topic", status: "pending" },
    });
    expect(topics.map((t) => t.lane)).toEqual([`topic:incident:${declared.incidentId}`]);

    await worker.drain();

    const methods = emulator.calls.filter((c) => c.ok).map((c) => c.method);
    const setTopics = emulator.calls.filter((c) => c.method === "conversations.setTopic");
    expect(setTopics).toHaveLength(1);
    expect(String(setTopics[0]?.args.topic)).toMatch(/^SEV1 /);
    expect(methods.indexOf("conversations.create")).toBeLessThan(methods.indexOf("conversations.setTopic"));
    expect(await deps.database.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0);
  });

  /** A change the topic shows, and the topic (and any invite) queued as a command would. */
  async function queueTopicChange(deps: TestDeps, incidentId: number, extra: Intent[] = []) {
    await deps.database.db.incident.update({ where: { id: incidentId }, data: { severity: 1 } });
    await deps.store.transaction((repos) =>
      repos.outbox.enqueue([{ kind: "channel.topic", scope: { incidentId } }, ...extra], {
        now: deps.clock.now(),
        announceChannel: undefined,
      }),
    );
  }

  async function latest(deps: TestDeps, kind: string) {
    const row = await deps.database.db.outboxMessage.findFirstOrThrow({
      where: { kind },
      orderBy: { id: "desc" },
    });
    return [row.status, row.result];
  }

  it("skips a topic or an invite recorded after the channel was archived, and the lanes go on", async () => {
    const { emulator, deps, worker, logged, commander, responder } = await world();
    const declared = await declareWithCreatedChannel(deps, worker, { commanderId: commander, severity: 3 });
    const scope = { incidentId: declared.incidentId };
    const channel = declared.channelId;
    await deps.store.transaction((repos) =>
      repos.outbox.enqueue([{ kind: "channel.archive", scope }], {
        now: deps.clock.now(),
        announceChannel: undefined,
      }),
    );
    await worker.drain();
    expect(emulator.channel(channel)?.isArchived).toBe(true);
    // Recorded after the archive went (a late change), in their own lanes.
    await queueTopicChange(deps, declared.incidentId, [
      { kind: "channel.invite", scope, users: [responder], groups: [] },
    ]);
    const before = emulator.calls.length;
    elapsed.ms += 60_000;

    await worker.drain();

    const methods = emulator.calls.slice(before).map((c) => c.method);
    expect(methods).not.toContain("conversations.setTopic");
    expect(methods).not.toContain("conversations.invite");
    expect(emulator.channel(channel)?.members.has(responder)).toBe(false);
    expect(await latest(deps, "channel.topic")).toEqual(["done", { skipped: "channel archived" }]);
    expect(await latest(deps, "channel.invite")).toEqual(["done", { skipped: "channel archived" }]);
    expect(logged.filter((l) => l.includes("its channel is archived"))).toHaveLength(2);
    expect(await deps.database.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0);
  });

  it("sets a topic still pending before it archives the channel, so the archived channel shows the last state", async () => {
    const { emulator, deps, worker, commander } = await world();
    const declared = await declareWithCreatedChannel(deps, worker, { commanderId: commander, severity: 3 });
    const scope = { incidentId: declared.incidentId };
    const channel = declared.channelId;
    const before = emulator.calls.length;
    // The topic change and the archive recorded together, as closing with archive-on-close does.
    await deps.database.db.incident.update({ where: { id: declared.incidentId }, data: { severity: 1 } });
    await deps.store.transaction((repos) =>
      repos.outbox.enqueue(
        [
          { kind: "channel.archive", scope },
          { kind: "channel.topic", scope },
        ],
        {
          now: deps.clock.now(),
          announceChannel: undefined,
        },
      ),
    );

    await worker.drain();

    const methods = emulator.calls
      .slice(before)
      .map((c) => c.method)
      .filter((m) => m === "conversations.setTopic" || m === "conversations.archive");
    expect(methods).toEqual(["conversations.setTopic", "conversations.archive"]);
    expect(emulator.channel(channel)?.isArchived).toBe(true);
    expect(await latest(deps, "channel.topic")).toEqual(["done", { topic: expect.stringContaining("SEV1") }]);
    expect(await deps.database.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0);
  });

  it("skips a topic Slack refuses because someone archived the channel by hand", async () => {
    const { emulator, deps, worker, logged, commander } = await world();
    const declared = await declareWithCreatedChannel(deps, worker, { commanderId: commander, severity: 3 });
    const channel = declared.channelId;
    const record = emulator.channel(channel);
    if (!record) throw new Error("the incident's channel is not in the emulator");
    record.isArchived = true;
    await queueTopicChange(deps, declared.incidentId);

    await worker.drain();

    expect(await latest(deps, "channel.topic")).toEqual(["done", { skipped: "channel archived" }]);
    expect(logged.some((l) => l.includes("outbox_delivery_failed"))).toBe(false);
    expect(logged.filter((l) => l.includes("its channel is archived"))).toHaveLength(1);
  });
});
