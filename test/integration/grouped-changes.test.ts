// Group commit on both stores (src/db/transaction-groups.ts): changes to one incident that
// arrive while a transaction for it is open share the next one, and a user cannot tell, but for
// waiting a little. Each update keeps its own number and place in the timeline, a bad one is
// refused alone, a repeated request gets the first answer, and nothing is recorded twice.
import { describe, expect, it } from "vitest";
import type { Repositories } from "../../src/db/repositories/store.ts";
import { addNote } from "../../src/services/timeline/add-note.ts";
import { postUpdate } from "../../src/services/timeline/post-update.ts";
import { testedProviders } from "../support/databases.ts";
import { deferred } from "../support/deferred.ts";
import { declareWithChannel } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const U2 = "U0000000002";

/** A transaction in the incident's group that stays open until `open` is called. */
function holdIncident(deps: ReturnType<ReturnType<typeof useTestDeps>>, incidentId: number) {
  const opened = deferred();
  const started = deferred();
  const held = deps.store.transaction(
    async (repos) => {
      started.resolve();
      await opened.promise;
      return repos;
    },
    { group: `incident:${incidentId}` },
  );
  return { held, running: started.promise, open: () => opened.resolve() };
}

describe.each(testedProviders())("changes grouped per incident on %s", (provider) => {
  const deps = useTestDeps(provider);

  it("shares a transaction among the changes that queued, in order, one answer each", async () => {
    const { incidentId } = await declareWithChannel(deps());
    const hold = holdIncident(deps(), incidentId);
    await hold.running;
    const seen: Repositories[] = [];
    const queued = ["a", "b", "c"].map((name) =>
      deps().store.transaction(
        async (repos) => {
          seen.push(repos);
          return name;
        },
        { group: `incident:${incidentId}` },
      ),
    );
    hold.open();
    const first = await hold.held;
    await expect(Promise.all(queued)).resolves.toEqual(["a", "b", "c"]);
    // One transaction (one set of repositories over it) for the three, another than the first's.
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).not.toBe(first);
  });

  it("records every update of a burst once, numbered in order; refuses the bad one alone", async () => {
    const { incidentId } = await declareWithChannel(deps());
    const hold = holdIncident(deps(), incidentId);
    await hold.running;
    const update = (text: string, requestKey: string, at: Date | null = null) =>
      postUpdate(deps(), { incidentId, workstreamId: null, text, at, actorId: U2, requestKey });
    const burst = [
      update("EU checkout failing", `${provider}-g1`),
      update("Rollback started", `${provider}-g2`),
      // Backdated to years before the incident: refused, inside the transaction.
      update("Long ago", `${provider}-g3`, new Date("2001-01-01T00:00:00Z")),
      addNote(deps(), {
        incidentId,
        workstreamId: null,
        text: "db01 paged",
        tag: null,
        at: null,
        actorId: U2,
        requestKey: `${provider}-g4`,
      }),
      update("Rollback done", `${provider}-g5`),
      // Slack delivering the first request again while it is still queued. On PostgreSQL its
      // record is put off, so the duplicate key fails in the next change's first statement.
      update("EU checkout failing", `${provider}-g1`),
      update("Monitoring", `${provider}-g6`),
    ];
    hold.open();
    const results = await Promise.allSettled(burst);
    const [first, second, backdated, note, third, repeated, fourth] = results;
    const numberOf = (r: (typeof results)[number] | undefined) =>
      r?.status === "fulfilled" && "number" in r.value ? r.value.number : r;
    expect(backdated?.status).toBe("rejected");
    expect(backdated?.status === "rejected" && String(backdated.reason)).toMatch(/before|earlier|days/i);
    expect([first, second, third, fourth].map(numberOf)).toEqual([1, 2, 3, 4]);
    expect(note?.status).toBe("fulfilled");
    expect(repeated?.status === "fulfilled" && repeated.value).toEqual(
      first?.status === "fulfilled" && first.value,
    );

    const entries = await deps().database.db.timelineEntry.findMany({
      where: { incidentId, kind: { in: ["update_posted", "note_added"] } },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => e.text)).toEqual([
      "EU checkout failing",
      "Rollback started",
      "db01 paged",
      "Rollback done",
      "Monitoring",
    ]);
    const incident = await deps().database.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.updateCount).toBe(4);
    // Each recorded update is posted once in the channel.
    const posts = await deps().database.db.outboxMessage.findMany({
      where: { kind: "message.post", lane: `incident:${incidentId}` },
    });
    const posted = posts.map((p) => JSON.stringify(p.payload));
    for (const text of ["EU checkout failing", "Rollback started", "Rollback done", "Monitoring"])
      expect(posted.filter((p) => p.includes(text))).toHaveLength(1);
  });
});
