// The staleness benchmark's Slack, as a process of its own: the emulator seeded with the scale we
// design for, on the bench clock, and the people who type the replay's commands and press its
// buttons (the signed requests of test/support/slack-driver.ts). Slack and its users are
// elsewhere in production; here they stamp when a call reached Slack (`receivedAt`) and when a
// command was acknowledged on one event loop of their own, which the bench process's reads of
// the database and its clock moves do not stall. Until 2026-12-07 the emulator ran in the bench
// process, and about half of the slowest channel updates of a run came right after a stall of
// that process's event loop (README, Performance, section 7).
//
// Driven over the IPC channel of `fork` (bench/staleness/remote-slack.ts): one request, one
// answer, each with the request's id. The first message is the seeded world.

import { ACTIONS } from "../../src/slack/ids.ts";
import { createSlackDriver, type SlackDriver } from "../../test/support/slack-driver.ts";
import { startSlackEmulator } from "../../test/support/slack-emulator/index.ts";
import type { MessageRecord } from "../../test/support/slack-emulator/types.ts";
import { interactiveElements } from "../../test/support/slack-emulator/view-state.ts";
import { BenchClock } from "./bench-clock.ts";
import { REGIONS, type Region, type SeededSlack, type SlackRequest } from "./slack-protocol.ts";
import { until } from "./until.ts";

const send = (message: unknown) => process.send?.(message);
if (!process.send) throw new Error("slack-process.ts runs as a child forked with an IPC channel");

const responders = Number(process.env.STALENESS_RESPONDERS);
const regionCount = Number(process.env.STALENESS_REGIONS);
if (!(responders > 0 && regionCount > 0 && regionCount <= REGIONS.length))
  throw new Error("STALENESS_RESPONDERS and STALENESS_REGIONS must be set (1–5 regions)");

/** Slack's copy of the bench clock: the bench moves it with its own (world.skip). */
const clock = new BenchClock();
const now = () => clock.now();

// Limits are switched on by the bench (setRateLimits), after its baseline calls.
const emulator = await startSlackEmulator({ now });
const perRegion = Math.ceil(responders / regionCount);
const person = (name: string) => emulator.addUser({ name, realName: name }).id;
const commanders = ["ic-a", "ic-b", "ic-c", "ic-d"].map(person);
const regions = REGIONS.slice(0, regionCount).map((region: Region, r) => {
  const leads = [1, 2, 3].map((n) => person(`${region}-lead-${n}`));
  const members = Array.from({ length: perRegion }, (_, i) =>
    person(`${region}-sre-${String(i + 1).padStart(3, "0")}`),
  );
  const group = emulator.addUserGroup({
    id: `S0STALE${String(r).padStart(3, "0")}`,
    handle: `sre-${region}`,
    users: members,
  });
  return { region, groupId: group.id, members, leads };
});
const seeded: SeededSlack = {
  apiUrl: emulator.apiUrl,
  botToken: emulator.botToken,
  announceChannel: emulator.addChannel({ name: "incidents", botIsMember: false }).id,
  opsChannel: emulator.addChannel({ name: "ops", members: commanders }).id,
  commanders,
  regions,
};

let driver: SlackDriver | undefined;
const connected = (): SlackDriver => {
  if (!driver) throw new Error("no bot to drive yet (connect first)");
  return driver;
};

async function handle(request: SlackRequest): Promise<unknown> {
  switch (request.op) {
    case "skip":
      clock.skip(request.ms);
      return now();
    case "setRateLimits":
      emulator.setRateLimits(request.setting);
      return now();
    case "connect":
      driver = createSlackDriver({
        eventsUrl: request.eventsUrl,
        signingSecret: request.signingSecret,
        emulator,
      });
      return null;
    case "command": {
      const response = await connected().command(request.text, {
        user: request.user,
        channel: request.channel,
      });
      // The bot acknowledges only after its transaction commits: this is when the change is in.
      const ackAt = now();
      return { status: response.status, body: response.body, json: response.json, ackAt };
    }
    case "acceptHandoff": {
      // The incoming holder needs the card in Slack to press its button.
      const card = await until(
        `the handoff card to ${request.toUser}`,
        () =>
          emulator
            .messages(request.channel)
            .findLast(
              (m: MessageRecord) =>
                m.text.includes(`→ <@${request.toUser}>`) &&
                interactiveElements(m.blocks).some((e) => e.element.action_id === ACTIONS.acceptHandoff),
            ),
        2,
      );
      const sentAt = now();
      const response = await connected().clickButton({
        user: request.toUser,
        message: card,
        actionId: ACTIONS.acceptHandoff,
      });
      return { status: response.status, sentAt };
    }
    case "waitForPost": {
      const call = await until(
        `a post with ${request.marker}`,
        () =>
          emulator.calls.find(
            (c) =>
              c.ok &&
              c.method === "chat.postMessage" &&
              c.args.channel === request.channel &&
              String(c.args.text ?? "").includes(request.marker),
          ),
        2,
      );
      return call.receivedAt;
    }
    case "lastCall": {
      const call = emulator.calls.at(-1);
      return call ? { method: call.method, receivedAt: call.receivedAt } : null;
    }
    case "snapshot":
      return {
        calls: emulator.calls,
        ims: Object.fromEntries(request.imsOf.map((user) => [user, emulator.imChannelId(user)])),
        members: Object.fromEntries(
          request.membersOf.map((channel) => [channel, [...(emulator.channel(channel)?.members ?? [])]]),
        ),
        rateLimited: [...emulator.rateLimitedCounts().values()].reduce((sum, n) => sum + n, 0),
      };
  }
}

process.on("message", (message: { id: number; request: SlackRequest }) => {
  handle(message.request).then(
    (value) => send({ id: message.id, value }),
    (error: unknown) =>
      send({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
// Gone with the bench: nothing here is worth flushing.
process.on("disconnect", () => process.exit(0));
send({ ready: seeded });
