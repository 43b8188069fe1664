// A commit that records work in a lane while a pass here is delivering that lane: the pass may
// have read the lane before the commit and ends with its last read (letting go of the lease in
// its settling statement), so the new message must still go, with no other commit, drain or
// scheduler tick to fetch it. Both ways a lane pass starts: a commit's urgent start, a drain.
import { describe, expect, it } from "vitest";
import type { DeliverFn } from "../../src/outbox/delivery.ts";
import type { OutboxWorker } from "../../src/outbox/worker.ts";
import { testedProviders } from "../support/databases.ts";
import { outboxWorkerOnTestDatabase } from "../support/outbox-worker-database.ts";

const LANE = "incident:1";
const post = (text: string) => ({
  kind: "message.post",
  target: { incidentId: 1 },
  message: { view: "plain", text },
});
const touched = { lanes: [LANE], urgent: [LANE] };

describe.each(testedProviders())("a commit during a lane's pass on %s", (provider) => {
  const outbox = outboxWorkerOnTestDatabase(provider);

  it.each([
    ["a commit's urgent start", (worker: OutboxWorker) => void worker.kick(touched)],
    ["a drain", (worker: OutboxWorker) => void worker.drain()],
  ])("the message it records goes after a pass started by %s", async (_name, start) => {
    const first = await outbox.queue(LANE, post("first"));
    let second = 0;
    const sent: string[] = [];
    let worker: OutboxWorker | undefined;
    const deliver: DeliverFn = async (intent) => {
      const text = intent.kind === "message.post" && "text" in intent.message ? intent.message.text : "";
      sent.push(text);
      if (text === "first") {
        // Committed while the lane is being delivered, after the pass read it; then kicked.
        second = await outbox.queue(LANE, post("second"));
        worker?.kick(touched);
      }
    };
    worker = outbox.workerWith(deliver);
    start(worker);
    const status = (id: number) =>
      outbox.database.db.outboxMessage.findUniqueOrThrow({ where: { id } }).then((row) => row.status);
    await expect.poll(() => status(first)).toBe("done");
    // Nothing else drains: this waits for the test's timeout unless the worker goes back to the lane.
    await expect.poll(() => (second ? status(second) : "not queued"), { timeout: 60_000 }).toBe("done");
    expect(sent).toEqual(["first", "second"]);
    await worker.stop();
  });
});
