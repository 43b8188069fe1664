// A regional lead above several workstreams: `eu1` over `eu1-ingest` and `eu1-query`. The
// incident's summary shows the tree, the region's summary rolls up its workstreams (status,
// leads, their rows of the recovery board), the nesting stops at two levels with a clear
// message, and the regional lead hands over like any workstream lead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import { cards } from "../support/handoff-fixtures.ts";

describe("workstreams under a regional workstream", () => {
  let t: TestBot;
  let incident: DeclaredIncident;
  let ic: string;
  let rhea: string;
  let ivan: string;
  let quinn: string;
  let nora: string;

  const run = (text: string, user = ic, channel = incident.channel.id) =>
    t.driver.command(text, { user, channel });
  const reply = async (text: string, user = ic, channel = incident.channel.id) =>
    JSON.stringify((await run(text, user, channel)).json);
  const channelOf = (name: string) => t.emulator.channelByName(`inc-1-${name}`)!.id;
  const pinnedSummary = (channel: string) =>
    JSON.stringify(t.emulator.messages(channel).find((m) => m.pinned)?.blocks ?? []);

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    rhea = t.emulator.addUser({ name: "rhea" }).id;
    ivan = t.emulator.addUser({ name: "ivan" }).id;
    quinn = t.emulator.addUser({ name: "quinn" }).id;
    nora = t.emulator.addUser({ name: "nora" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    incident = await declareIncident(t, "Metrics delayed in eu1 --sev 1", { by: ic, from: general });
    await run(`workstream add eu1 --lead <@${rhea}> --channel`);
    await t.settle();
    expect(await reply(`workstream add eu1-ingest --parent eu1 --lead <@${ivan}> --channel`)).toContain(
      "Workstream `eu1-ingest` added under `eu1`",
    );
    await run(`workstream add eu1-query --parent eu1 --lead <@${quinn}>`);
    await run("workstream add us1");
    await t.settle();
  });
  afterAll(() => t.stop());

  it("stops at two levels and names an unknown parent, adding nothing", async () => {
    const deeper = await reply("workstream add eu1-ingest-kafka --parent eu1-ingest");
    expect(deeper).toContain("`eu1-ingest` is itself under `eu1`: workstreams nest 2 levels deep");
    const unknown = await reply("workstream add ap1-ingest --parent ap1");
    expect(unknown).toContain("There is no workstream `ap1` to put `ap1-ingest` under");
    const names = (await t.bot.deps.database.db.workstream.findMany()).map((w) => w.name);
    expect(names).toEqual(["eu1", "eu1-ingest", "eu1-query", "us1"]);
  });

  it("shows the tree in the incident's summary and in /incident workstreams", async () => {
    const summary = pinnedSummary(incident.channel.id);
    const eu1 = summary.indexOf("• `eu1`");
    const ingest = summary.indexOf("◦ `eu1-ingest`");
    const query = summary.indexOf("◦ `eu1-query`");
    const us1 = summary.indexOf("• `us1`");
    expect(eu1).toBeGreaterThan(-1);
    expect(ingest).toBeGreaterThan(eu1);
    expect(query).toBeGreaterThan(ingest);
    expect(us1).toBeGreaterThan(query);
    const list = await reply("workstreams");
    expect(list.indexOf("◦ `eu1-query`")).toBeGreaterThan(list.indexOf("• `eu1`"));
  });

  it("rolls the workstreams' status, leads and board rows up into the region's summary", async () => {
    const eu1 = channelOf("eu1");
    await run("workstream eu1-query status monitoring replicas caught up");
    await run("service ingest outage --region eu1-ingest");
    await t.settle();
    await eventually(() => {
      const summary = pinnedSummary(eu1);
      expect(summary).toContain("Workstreams under eu1 (2)");
      expect(summary).toContain(`\`eu1-ingest\``);
      expect(summary).toContain(`<@${ivan}>`);
      expect(summary).toMatch(/`eu1-query` [^"]*monitoring[^"]* — <@/);
      expect(summary).toContain("*ingest* live: outage");
    });
    expect(pinnedSummary(channelOf("eu1-ingest"))).toContain(`Part of \`eu1\` <#${eu1}> (lead <@${rhea}>)`);
    expect(t.emulator.violations).toEqual([]);
  });

  it("hands the regional lead over like any workstream lead", async () => {
    const eu1 = channelOf("eu1");
    await run(`handoff <@${nora}>`, rhea, eu1);
    await t.settle();
    const card = await eventually(() => {
      const found = cards(t.emulator, eu1).at(-1);
      if (!found) throw new Error("waiting for the handoff card");
      return found;
    });
    await t.driver.clickButton({ user: nora, message: card, actionId: ACTIONS.acceptHandoff });
    await t.settle();
    await eventually(async () => {
      const region = await t.bot.deps.database.db.workstream.findFirstOrThrow({ where: { name: "eu1" } });
      const lead = await t.bot.deps.database.db.roleAssignment.findFirst({
        where: { role: "lead", endedAt: null, workstreamId: region.id },
      });
      expect(lead?.userId).toBe(nora);
    });
    await eventually(() => expect(pinnedSummary(channelOf("eu1-ingest"))).toContain(`(lead <@${nora}>)`));
    expect(pinnedSummary(incident.channel.id)).toContain(`\`eu1\``);
  });
});
