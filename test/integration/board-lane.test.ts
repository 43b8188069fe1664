// The recovery board has a lane of its own (src/outbox/intents.ts, laneOf), delivered by the
// real deliveries against the Slack emulator: an edit of the board does not wait behind the
// channel's update lines (which Slack paces per channel), and the channel's archive still waits
// for a board edit pending, so the archived channel shows the last board.
import { describe, expect, it } from "vitest";
import { outboxQueue } from "../../src/db/repositories/outbox.ts";
import type { ServiceStatus } from "../../src/domain/incident/service-status.ts";
import { DELIVERIES } from "../../src/outbox/deliveries/index.ts";
import { dispatchDelivery } from "../../src/outbox/delivery.ts";
import type { Intent } from "../../src/outbox/intents.ts";
import { OutboxWorker } from "../../src/outbox/worker.ts";
import { testedProviders } from "../support/databases.ts";
import { depsWithSlackEmulator } from "../support/emulator-deps.ts";
import { declareWithCreatedChannel } from "../support/integration-incident.ts";
import type { TestDeps } from "../support/test-deps.ts";

describe.each(testedProviders())("the recovery board in a lane of its own on %s", (provider) => {
  const slack = depsWithSlackEmulator(provider);

  async function world() {
    const { emulator, deps } = await slack();
    const worker = new OutboxWorker({
      queue: outboxQueue(deps.database.db, deps.database.provider),
      clock: deps.clock,
      deliver: dispatchDelivery(DELIVERIES, deps),
      logger: deps.logger,
      instanceId: "test",
    });
    const commander = emulator.addUser({ name: "alex" }).id;
    const declared = await declareWithCreatedChannel(deps, worker, { commanderId: commander, severity: 2 });
    return { emulator, deps, worker, declared };
  }

  /** Sets one board row and records the intents a command would, in one transaction. */
  async function change(
    deps: TestDeps,
    incidentId: number,
    state: ServiceStatus["state"],
    intents: Intent[],
  ) {
    await deps.store.transaction(async (repos) => {
      await repos.board.set(
        { incidentId, service: "logs", region: "us1", phase: "live" },
        { state, note: "", workstreamId: null, updatedById: "U0ALEX", at: deps.clock.now() },
      );
      await repos.outbox.enqueue(intents, { now: deps.clock.now(), announceChannel: undefined });
    });
  }

  const boardOf = (incidentId: number) => ({ kind: "board.refresh", incidentId }) as const;

  it("edits the board while the channel's update line waits for Slack's limit", async () => {
    const { emulator, deps, worker, declared } = await world();
    const { incidentId, channelId } = declared;
    await change(deps, incidentId, "outage", [boardOf(incidentId)]);
    await worker.drain();
    const board = () =>
      emulator.messages(channelId).find((m) => JSON.stringify(m.blocks ?? []).includes("Recovery board ·"));
    const posted = board();
    expect(JSON.stringify(posted?.blocks)).toContain("outage");

    // Slack holds the channel's next post for half a minute; the board's edit draws on another limit.
    emulator.injectFault({ method: "chat.postMessage", kind: "rate_limited", retryAfterSeconds: 30 });
    const at = deps.clock.now().toISOString();
    const line: Intent = {
      kind: "message.post",
      target: { incidentId },
      message: {
        view: "status_update",
        placement: "channel",
        incidentNumber: declared.number,
        severity: 2,
        status: "investigating",
        text: "Logs are back in us1",
        actorId: null,
        occurredAt: at,
        recordedAt: at,
        workstream: null,
        channelId,
      },
    };
    await change(deps, incidentId, "recovered", [line, boardOf(incidentId)]);
    await worker.drain();

    expect(board()?.ts).toBe(posted?.ts);
    expect(JSON.stringify(board()?.blocks)).toContain("recovered");
    expect(emulator.messages(channelId).some((m) => m.text.includes("Logs are back in us1"))).toBe(false);
    const waiting = await deps.database.db.outboxMessage.findMany({ where: { status: "pending" } });
    expect(waiting.map((m) => m.kind)).toEqual(["message.post"]);
  });

  it("archives the channel only after a board edit still pending", async () => {
    const { emulator, deps, worker, declared } = await world();
    const { incidentId, channelId } = declared;
    await change(deps, incidentId, "outage", [boardOf(incidentId)]);
    await worker.drain();
    const before = emulator.calls.length;
    // A slow edit: an archive that did not wait for it would go first.
    emulator.injectFault({ method: "chat.update", kind: "delay", delayMs: 300 });
    // Resolved with archive-on-close: the last board change and the archive recorded together.
    await change(deps, incidentId, "recovered", [
      { kind: "channel.archive", scope: { incidentId } },
      boardOf(incidentId),
    ]);

    await worker.drain();

    const methods = emulator.calls
      .slice(before)
      .filter((c) => c.ok)
      .map((c) => c.method)
      .filter((m) => m === "chat.update" || m === "conversations.archive");
    expect(methods).toEqual(["chat.update", "conversations.archive"]);
    expect(emulator.channel(channelId)?.isArchived).toBe(true);
    expect(await deps.database.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0);
  });
});
