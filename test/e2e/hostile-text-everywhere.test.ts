// One whole incident in which every piece of typed text carries mention markup, run at the
// most verbose log level: nothing the bot puts anywhere in Slack (messages, threads, DMs,
// topics, modals, files, canvases, replies) notifies anyone it did not mean to, and no token
// or signing secret appears in logs, /healthz or the postmortem.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, HANDOFF_INPUTS, INPUTS, VIEWS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { eventually, present } from "../support/eventually.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";
import { nothing, story } from "../support/story.ts";

const HOSTILE = "<!channel> <!here> <!everyone> <!subteam^S0EVERYONE> <@U0VICTIM01>";
/** HOSTILE typed in a slash command, as the bot stores it (plain words: services/timeline/humanize.ts). */
const HOSTILE_AS_WORDS = "@channel @here @everyone @group @victim";
/** Markup that would notify someone the bot never meant to notify. */
const UNINTENDED = /<!channel>|<!here>|<!everyone>|<!subteam\^S0EVERYONE>|<@U0VICTIM01>/;

describe("typed mention markup on every surface", () => {
  let t: TestBot;
  let ic: string;
  let next: string;
  let general: string;
  let announce: string;
  let leadership: string;

  beforeAll(async () => {
    const emulator = await startSlackEmulator();
    announce = emulator.addChannel({ name: "incidents" }).id;
    leadership = emulator.addUserGroup({ handle: "leaders", users: [] }).id;
    ic = emulator.addUser({ name: "ines" }).id;
    next = emulator.addUser({ name: "noor" }).id;
    emulator.addUser({ id: "U0VICTIM01", name: "victim" });
    general = emulator.addChannel({ name: "general", members: [ic, next] }).id;
    t = await startTestBot({
      emulator,
      env: {
        INCIDENT_ANNOUNCE_CHANNEL: announce,
        INCIDENT_LEADERSHIP_GROUP: leadership,
        POSTMORTEM_CANVAS: "true",
        LOG_LEVEL: "trace",
      },
    });
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  /** One whole incident, every text hostile, from declaration to the postmortem (all the later
   * tests read what it left in Slack and the logs: test/support/story.ts). */
  async function runHostileIncident() {
    await t.driver.command(`declare Deploy broke things ${HOSTILE} --sev 3`, { user: ic, channel: general });
    await t.settle();
    const channel = (await t.bot.deps.database.db.incident.findFirstOrThrow()).channelId as string;
    const say = (text: string, user = ic) => t.driver.command(text, { user, channel });
    t.emulator.joinChannel(channel, next);
    await say(`sev 1 ${HOSTILE}`);
    await say(`status identified ${HOSTILE}`);
    await say(`update ${HOSTILE} checkout down`);
    await say(`note --cause ${HOSTILE} bad config`);
    await say(`note --lesson ${HOSTILE} canary first`);
    await say(`service checkout outage --region us1 ${HOSTILE}`);
    await say(`milestone detected --at -5m ${HOSTILE}`);
    await say(`action ${HOSTILE} add a canary --owner <@${next}>`);
    await say("workstream add us1 --channel");
    const posted = t.emulator.postAsUser(channel, next, `${HOSTILE} the graph is red`);
    await t.driver.reactionAdded({ user: ic, channel, ts: posted.ts, reaction: "pushpin" });
    await say("timeline --all");
    await t.settle();

    // A handoff with a hostile brief, accepted by the incoming commander.
    await say(`handoff <@${next}>`);
    await t.settle();
    const card = await eventually(() =>
      present(
        t.emulator
          .messages(channel)
          .find((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.writeHandoff)),
        "the handoff card",
      ),
    );
    await t.driver.clickButton({ user: ic, message: card, actionId: ACTIONS.writeHandoff });
    const brief = await eventually(() =>
      present(
        t.emulator.views.find((v) => v.view.callback_id === VIEWS.handoffBrief),
        "the brief form",
      ),
    );
    const field = (ids: { block: string; action: string }) => ({
      [ids.block]: { [ids.action]: `${HOSTILE} x` },
    });
    await t.driver.submitView({
      user: ic,
      view: brief,
      values: {
        ...field(HANDOFF_INPUTS.currentState),
        ...field(HANDOFF_INPUTS.triedOrRuledOut),
        ...field(HANDOFF_INPUTS.openActions),
        ...field(HANDOFF_INPUTS.risks),
        ...field(HANDOFF_INPUTS.nextCheckpoint),
      },
    });
    await t.settle();
    const dm = await eventually(() =>
      present(
        t.emulator.dms(next).find((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.acceptHandoff)),
        "the Accept button in a DM",
      ),
    );
    await t.driver.clickButton({ user: next, message: dm, actionId: ACTIONS.acceptHandoff });
    await t.settle();

    // Resolve and close with hostile root cause, impact and lessons.
    await say(`status resolved ${HOSTILE}`, next);
    await say("close", next);
    const closeForm = await eventually(() =>
      present(
        t.emulator.views.find((v) => v.view.callback_id === VIEWS.close),
        "the close form",
      ),
    );
    await t.driver.submitView({
      user: next,
      view: closeForm,
      values: {
        [INPUTS.rootCause.block]: { [INPUTS.rootCause.action]: HOSTILE },
        [INPUTS.customerImpact.block]: { [INPUTS.customerImpact.action]: HOSTILE },
        [INPUTS.lessons.block]: { [INPUTS.lessons.action]: HOSTILE },
      },
    });
    await t.settle();
    await eventually(() => {
      expect(t.emulator.files()).not.toEqual([]);
      expect(t.emulator.canvases()).not.toEqual([]);
    });
  }
  const steps = story({
    "hostile incident": runHostileIncident,
    "no unintended mention": nothing,
    "no secret": nothing,
  });

  it("runs an incident whose every text is hostile", async () => {
    await steps.begin("hostile incident");
    await runHostileIncident();
    expect(await t.bot.deps.database.db.incident.count({ where: { status: "closed" } })).toBe(1);
  });

  it("never sent markup that would notify anyone it did not mean to", async () => {
    await steps.begin("no unintended mention");
    const surfaces = {
      // What the bot posted (the person's own pinned message is theirs, not the bot's).
      messages: t.emulator
        .channels()
        .flatMap((c) => t.emulator.messages(c.id))
        .filter((m) => m.botId === t.emulator.botId),
      topics: t.emulator.channels().map((c) => [c.topic.value, c.purpose.value]),
      ephemerals: t.emulator.ephemerals(),
      // Text inputs pre-filled for editing are plain text, never rendered as mentions.
      views: JSON.parse(
        JSON.stringify(
          t.emulator.views.map((v) => v.view),
          (key, value) => (key === "initial_value" ? undefined : value),
        ),
      ),
      // The Markdown draft (rendered by Slack and by Markdown viewers). The full-timeline CSV
      // beside it is data for spreadsheets and tools, never parsed as markup: checked below.
      files: t.emulator
        .files()
        .filter((f) => !f.filename.endsWith(".csv"))
        .map((f) => f.bytes?.toString("utf8") ?? ""),
      canvases: t.emulator.canvases(),
      calls: t.emulator.calls.filter((c) => !c.method.startsWith("views.")).map((c) => c.args),
    };
    for (const [surface, content] of Object.entries(surfaces)) {
      expect(JSON.stringify(content), surface).not.toMatch(UNINTENDED);
    }
    // The postmortem file was really read (not an empty string) and escapes the markup.
    expect(surfaces.files.join("")).toContain("\\<!channel\\>");
    // The CSV keeps what people typed as the timeline stores it (typed mentions as words),
    // quoted, and never as a formula.
    const csv = t.emulator.files().find((f) => f.filename.endsWith(".csv"));
    expect(csv?.bytes?.toString("utf8")).toContain(HOSTILE_AS_WORDS);
    expect(csv?.bytes?.toString("utf8")).not.toMatch(/(^|,)[=+\-@]/m);
    // The bot's own intended mentions still work: the leadership group on escalation.
    expect(JSON.stringify(surfaces.messages)).toContain(`<!subteam^${leadership}>`);
    expect(t.emulator.violations).toEqual([]);
  });

  it("never wrote a token or the signing secret to logs, /healthz or the postmortem", async () => {
    await steps.begin("no secret");
    const health = await (await fetch(`${t.url}/healthz`)).text();
    const postmortem = t.emulator
      .files()
      .map((f) => f.bytes?.toString("utf8") ?? "")
      .join("\n");
    expect(t.logs.length).toBeGreaterThan(100);
    expect(postmortem).toContain("Root cause");
    for (const secret of [t.emulator.botToken, t.signingSecret]) {
      expect(t.logs.join("\n")).not.toContain(secret);
      expect(health).not.toContain(secret);
      expect(postmortem).not.toContain(secret);
    }
    expect(t.logs.join("\n")).not.toMatch(/xox[bpa]-/);
  });
});
