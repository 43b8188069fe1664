// `/incident list` and App Home with hundreds of open incidents (issue 16 item 8). Before, both
// took the first 200 incidents and only then hid private ones: with 206 open the oldest
// vanished silently; every view asked conversations.members once per private incident; and a
// rate-limited answer hid a member's own private incidents without a word.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_START, startTestBot, type TestBot } from "../support/bot-harness.ts";
import { eventually } from "../support/eventually.ts";

const PUBLIC = 150;
const PRIVATE_MINE = 30;
const PRIVATE_OTHERS = 26;

describe("listing hundreds of open incidents", () => {
  let t: TestBot;
  let alex: string;
  let blair: string;
  let general: string;
  /** Incident number → its channel. */
  const channelOf = new Map<number, string>();
  const mine: number[] = [];
  const others: number[] = [];

  async function seed(number: number, isPrivate: boolean, members: string[]): Promise<void> {
    const channel = t.emulator.addChannel({ name: `inc-${number}-seeded`, isPrivate, members }).id;
    channelOf.set(number, channel);
    const incident = await t.bot.deps.store.transaction((repos) =>
      repos.incidents.create({
        number,
        title: `Seeded ${number}`,
        summary: "",
        // Private ones sort first (worst first), pushing the oldest public ones past 200.
        severity: isPrivate ? 1 : 3,
        isPrivate,
        regions: [],
        services: [],
        declaredById: blair,
        channelName: `inc-${number}-seeded`,
        at: new Date(SIM_START),
      }),
    );
    await t.bot.deps.database.db.incident.update({
      where: { id: incident.id },
      data: { channelId: channel },
    });
  }

  /** Incident numbers in one answer, in order. */
  const numbersIn = (answer: unknown) =>
    [...JSON.stringify(answer).matchAll(/\*INC-(\d+)\*/g)].map((m) => Number(m[1]));

  async function list(user: string, page?: number) {
    const response = await t.driver.command(page ? `list --page ${page}` : "list", {
      user,
      channel: general,
    });
    expect(response.status).toBe(200);
    return response.json as { text: string; blocks: unknown[] };
  }

  beforeAll(async () => {
    t = await startTestBot();
    alex = t.emulator.addUser({ name: "alex" }).id;
    blair = t.emulator.addUser({ name: "blair" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex, blair] }).id;
    let number = 0;
    for (let i = 0; i < PUBLIC; i++) await seed(++number, false, [blair]);
    for (let i = 0; i < PRIVATE_MINE; i++) {
      await seed(++number, true, [alex, blair]);
      mine.push(number);
    }
    for (let i = 0; i < PRIVATE_OTHERS; i++) {
      await seed(++number, true, [blair]);
      others.push(number);
    }
  });
  afterAll(() => t.stop());

  it("lists every incident the person may see, page by page, and none they may not", async () => {
    const first = await list(alex);
    const seen = numbersIn(first.blocks);
    const pages = Number(/Page 1 of (\d+)/.exec(JSON.stringify(first.blocks))?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let page = 2; page <= pages; page++) seen.push(...numbersIn((await list(alex, page)).blocks));
    const expected = [...mine, ...Array.from({ length: PUBLIC }, (_, i) => i + 1)];
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(first.text).toBe(`${PUBLIC + PRIVATE_MINE} open incidents`);
    // Blair sees all 206, the oldest included.
    const blairs = await list(blair, 6);
    expect(numbersIn(blairs.blocks)).toContain(1);
  });

  it("asks Slack for each private channel's members once, not once per view, and follows joins and leaves", async () => {
    const asked = () => t.emulator.callsTo("conversations.members").length;
    const before = asked();
    await list(alex);
    await t.driver.appHomeOpened(alex);
    await eventually(() => expect(t.emulator.homeView(alex)).toBeDefined());
    await list(blair);
    expect(asked()).toBe(before);
    expect(before).toBeLessThanOrEqual(PRIVATE_MINE + PRIVATE_OTHERS);

    // Alex joins one of the others' private incidents, and leaves one of his: the lists follow
    // the events, without asking Slack again.
    const joined = others[0]!;
    const left = mine[0]!;
    await t.driver.memberJoined({ user: alex, channel: channelOf.get(joined)! });
    t.emulator.channel(channelOf.get(left)!)!.members.delete(alex);
    await t.driver.event({
      type: "member_left_channel",
      user: alex,
      channel: channelOf.get(left)!,
      channel_type: "G",
      team: t.emulator.teamId,
    });
    const all: number[] = [];
    const first = await list(alex);
    const pages = Number(/Page 1 of (\d+)/.exec(JSON.stringify(first.blocks))?.[1]);
    all.push(...numbersIn(first.blocks));
    for (let page = 2; page <= pages; page++) all.push(...numbersIn((await list(alex, page)).blocks));
    expect(all).toContain(joined);
    expect(all).not.toContain(left);
    expect(asked()).toBe(before);
  });

  it("says so when Slack could not answer, instead of hiding a member's private incident", async () => {
    // A private incident the bot has not looked at yet, while conversations.members is rate limited.
    const number = PUBLIC + PRIVATE_MINE + PRIVATE_OTHERS + 1;
    await seed(number, true, [alex]);
    t.emulator.injectFault({
      method: "conversations.members",
      kind: "rate_limited",
      retryAfterSeconds: 30,
      times: 100,
    });
    try {
      const answer = await list(alex);
      expect(numbersIn(answer.blocks)).not.toContain(number);
      expect(JSON.stringify(answer.blocks)).toMatch(
        /Slack did not answer when I checked whether you are in 1 private incident/,
      );
      const timeline = await t.driver.command("timeline", { user: alex, channel: channelOf.get(number)! });
      const text = (timeline.json as { text: string }).text;
      expect(text).toMatch(/Slack did not answer/);
      expect(text).not.toMatch(/only members of its channel/);
      // Alex holds a role there: App Home says a role is hidden, instead of dropping it silently.
      const incident = await t.bot.deps.database.db.incident.findFirstOrThrow({ where: { number } });
      await t.bot.deps.store.transaction((repos) =>
        repos.roles.start({
          incidentId: incident.id,
          workstreamId: null,
          role: "scribe",
          userId: alex,
          at: new Date(SIM_START),
          assignedById: blair,
        }),
      );
      const published = t.emulator.callsTo("views.publish").length;
      await t.driver.event({ type: "app_home_opened", user: alex, tab: "home" });
      const home = await eventually(() => {
        const call = t.emulator.callsTo("views.publish")[published];
        if (!call) throw new Error("Home tab not published yet");
        return JSON.stringify(call.args);
      });
      expect(home).toMatch(/You hold 1 role in private incidents that Slack could not confirm you are in/);
      expect(home).not.toContain(`Seeded ${number}`);
    } finally {
      t.emulator.clearFaults();
    }
    expect(t.emulator.violations).toEqual([]);
  });
});
