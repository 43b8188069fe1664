// Creating an incident's channel against the Slack emulator: after a crash the channel an earlier
// attempt made is adopted (suffixed or not) and someone else's is not; titles in other scripts
// keep their letters where the workspace allows them and fall back to a-z where it refuses.
import { describe, expect, it } from "vitest";
import { createChannel } from "../../src/outbox/deliveries/create-channel.ts";
import { testedProviders } from "../support/databases.ts";
import { depsWithSlackEmulator } from "../support/emulator-deps.ts";
import { declareTestIncident } from "../support/integration-incident.ts";
import type { TestDeps } from "../support/test-deps.ts";

describe.each(testedProviders())("channel creation on %s", (provider) => {
  // A database and an emulator per test: each emulator numbers its channels from the same start.
  const slack = depsWithSlackEmulator(provider);

  const attempt = (previouslyAttempted: boolean) => ({
    // createChannel reads only previouslyAttempted; the queued row is not needed here.
    message: {} as never,
    previouslyAttempted,
  });

  async function storedChannel(deps: TestDeps, incidentId: number) {
    return deps.database.db.incident.findUniqueOrThrow({
      where: { id: incidentId },
      select: { channelId: true, channelName: true },
    });
  }

  it("adopts the suffixed channel a crashed attempt created instead of making a third", async () => {
    const { emulator, deps } = await slack();
    const declared = await declareTestIncident(deps, { title: "Crash after create" });
    const base = `inc-${declared.number}-crash-after-create`;
    const human = emulator.addUser({ name: "someone" }).id;
    // Someone else already had the plain name; the first attempt made `-2` and then the
    // process died before storing it.
    emulator.addChannel({ name: base, members: [human], botIsMember: false });
    const orphan = (await deps.gateway.createChannel(`${base}-2`, false)).id;

    await createChannel(deps, { incidentId: declared.incidentId }, attempt(true));

    expect(await storedChannel(deps, declared.incidentId)).toEqual({
      channelId: orphan,
      channelName: `${base}-2`,
    });
    expect(emulator.channels().filter((c) => c.name.startsWith(base))).toHaveLength(2);
  });

  it("never adopts a channel someone else created under the incident's name", async () => {
    const { emulator, deps } = await slack();
    const declared = await declareTestIncident(deps, { title: "Not yours" });
    const base = `inc-${declared.number}-not-yours`;
    const human = emulator.addUser({ name: "someone" }).id;
    const theirs = emulator.addChannel({ name: base, members: [human], botIsMember: false }).id;

    await createChannel(deps, { incidentId: declared.incidentId }, attempt(true));

    const stored = await storedChannel(deps, declared.incidentId);
    expect(stored.channelId).not.toBe(theirs);
    expect(stored.channelName).toBe(`${base}-2`);
  });

  it("never adopts a channel the bot made for another incident", async () => {
    const { deps } = await slack();
    const first = await declareTestIncident(deps, { title: "Same words" });
    await createChannel(deps, { incidentId: first.incidentId }, attempt(false));
    const firstChannel = await storedChannel(deps, first.incidentId);
    // A second incident whose stored name collides with the first one's channel.
    const second = await declareTestIncident(deps, { title: "Other words" });
    await deps.database.db.incident.update({
      where: { id: second.incidentId },
      data: { channelName: firstChannel.channelName },
    });

    await createChannel(deps, { incidentId: second.incidentId }, attempt(true));

    const stored = await storedChannel(deps, second.incidentId);
    expect(stored.channelId).not.toBe(firstChannel.channelId);
    expect(stored.channelName).toBe(`${firstChannel.channelName}-2`);
  });

  it("keeps Korean letters in the name where the workspace allows them", async () => {
    const { emulator, deps } = await slack({ emulator: { channelNameLetters: "any-script" } });
    const declared = await declareTestIncident(deps, { title: "결제 API 장애 — 서울 리전" });

    await createChannel(deps, { incidentId: declared.incidentId }, attempt(false));

    const name = `inc-${declared.number}-결제-api-장애-서울-리전`;
    expect((await storedChannel(deps, declared.incidentId)).channelName).toBe(name);
    expect(emulator.channelByName(name)).toBeDefined();
  });

  it("falls back to the a-z name where the workspace refuses other scripts, and remembers", async () => {
    const { emulator, deps } = await slack();
    const first = await declareTestIncident(deps, { title: "결제 API 장애 — 서울 리전" });
    await createChannel(deps, { incidentId: first.incidentId }, attempt(false));
    expect((await storedChannel(deps, first.incidentId)).channelName).toBe(`inc-${first.number}-api`);

    const second = await declareTestIncident(deps, { title: "決済APIの障害" });
    await createChannel(deps, { incidentId: second.incidentId }, attempt(false));
    expect((await storedChannel(deps, second.incidentId)).channelName).toBe(`inc-${second.number}-api`);

    const creates = emulator.calls.filter((c) => c.method === "conversations.create");
    // One refusal for the first incident; the second goes straight to the a-z name.
    expect(creates.map((c) => c.error ?? "ok")).toEqual(["invalid_name_specials", "ok", "ok"]);
    expect(emulator.violations).toEqual([]);
  });
});
