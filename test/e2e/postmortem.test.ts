// Closing an incident end to end: the close form, the postmortem draft uploaded to the
// incident channel (and a canvas when configured), `/incident postmortem` and
// `/incident action`, permission and state refusals, private incidents, archiving, and the
// CLI producing the very same Markdown from the database without Slack.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUTS, VIEWS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";
import type { FileRecord } from "../support/slack-emulator/types.ts";
import { nothing, story } from "../support/story.ts";

const run = promisify(execFile);

/** The real CLI, as `npm run postmortem` runs it, in its own process. */
async function cli(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ["--import", "tsx", "src/cli/postmortem.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

const text = (response: { json?: unknown }) => (response.json as { text?: string } | undefined)?.text ?? "";
const content = (file: FileRecord) => file.bytes?.toString("utf8") ?? "";
/** What the commander of INC-1 writes in the close form. */
const CLOSE_FORM = {
  [INPUTS.rootCause.block]: {
    [INPUTS.rootCause.action]: "A config push <!channel> disabled `payments` | retries\nin every region",
  },
  [INPUTS.customerImpact.block]: { [INPUTS.customerImpact.action]: "Checkout failed for 2 hours." },
  [INPUTS.lessons.block]: { [INPUTS.lessons.action]: "" },
};

async function declareAndRun(
  t: TestBot,
  who: { commander: string; channel: string },
  title: string,
  extra = "",
) {
  const declared = await declareIncident(t, `${title} --sev 2 --region us1,eu1 --service logs ${extra}`, {
    by: who.commander,
    from: who.channel,
  });
  const incident = await t.bot.deps.database.db.incident.findUniqueOrThrow({ where: { id: declared.id } });
  return { incident, channel: declared.channel.id };
}

describe("closing an incident and its postmortem draft", () => {
  let t: TestBot;
  let alex: string;
  let blair: string;
  let casey: string;
  let general: string;
  let announce: string;

  beforeAll(async () => {
    const emulator = await startSlackEmulator();
    announce = emulator.addChannel({ name: "incidents", botIsMember: false }).id;
    t = await startTestBot({
      emulator,
      env: { INCIDENT_ANNOUNCE_CHANNEL: announce, DISPLAY_TIME_ZONE: "Asia/Seoul" },
    });
    alex = t.emulator.addUser({ name: "alex", realName: "Alex Moreau" }).id;
    blair = t.emulator.addUser({ name: "blair", realName: "Blair <!here> O'Neil" }).id;
    casey = t.emulator.addUser({ name: "casey", realName: "Casey | Ops" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex, blair, casey] }).id;
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  /** INC-1 from its first errors to resolved, with an action item (the close test's story). */
  async function runToResolution(channel: string) {
    await t.driver.command(`workstream add us1 --lead <@${blair}>`, { user: alex, channel });
    await t.driver.command("milestone impact-started --at 05:40 first errors on checkout", {
      user: alex,
      channel,
    });
    await t.driver.command("sev 1 all regions | both APIs", { user: alex, channel });
    await t.driver.command("service logs outage --region us1", { user: blair, channel });
    await t.advance("2h");
    await t.driver.command("service logs recovered --region us1", { user: blair, channel });
    await t.driver.command("milestone mitigated", { user: alex, channel });
    await t.driver.command("status resolved fixed", { user: alex, channel });
    await t.driver.command(`action Add a canary for \`payments\` | config --owner <@${casey}>`, {
      user: alex,
      channel,
    });
    await t.advance("30m");
    await t.settle();
  }
  // What each test leaves that a later one relies on (test/support/story.ts): INC-1, resolved
  // once and reopened, then run to resolution and closed through the form.
  const steps = story({
    help: nothing,
    "close refused": async () => {
      const { channel } = await declareAndRun(
        t,
        { commander: alex, channel: general },
        "Checkout <!channel> | broken",
      );
      await t.driver.command(`invite <@${blair}> <@${casey}>`, { user: alex, channel });
      await t.driver.command("status resolved all good", { user: alex, channel });
      await t.settle();
      await t.driver.command("reopen not quite", { user: alex, channel });
      await t.settle();
    },
    closed: async () => {
      const channel = (await t.bot.deps.database.db.incident.findFirstOrThrow({ where: { number: 1 } }))
        .channelId as string;
      await runToResolution(channel);
      await t.driver.command("close", { user: alex, channel });
      await t.driver.submitView({ user: alex, view: t.emulator.views.at(-1)!, values: CLOSE_FORM });
      await t.settle();
    },
    "CLI renders the same": nothing,
    "action items after the close": nothing,
    "private draft": nothing,
  });

  it("lists the postmortem commands in help", async () => {
    await steps.begin("help");
    const body = JSON.stringify((await t.driver.command("help", { user: alex, channel: general })).json);
    expect(body).toContain("*Postmortem*");
    for (const syntax of [
      "/incident close`",
      "/incident postmortem`",
      "/incident action <text> [--owner @user]`",
    ])
      expect(body).toContain(syntax);
  });

  it("refuses to close an incident that is not resolved, or for someone who is not the commander", async () => {
    await steps.begin("close refused");
    const { channel } = await declareAndRun(
      t,
      { commander: alex, channel: general },
      "Checkout <!channel> | broken",
    );
    await t.driver.command(`invite <@${blair}> <@${casey}>`, { user: alex, channel });
    await t.settle();
    const viewsBefore = t.emulator.views.length;

    const early = await t.driver.command("close", { user: alex, channel });
    expect(text(early)).toMatch(/INC-1 is \*investigating\*, not resolved\. Resolve it first/);

    await t.driver.command("status resolved all good", { user: alex, channel });
    await t.settle();
    const stranger = await t.driver.command("close", { user: blair, channel });
    expect(text(stranger)).toContain(
      `Only the incident commander (<@${alex}>) or an incident admin can close the incident`,
    );
    const withText = await t.driver.command("close now please", { user: alex, channel });
    expect(text(withText)).toContain("type just `/incident close`");
    expect(t.emulator.views.length).toBe(viewsBefore);
    await t.driver.command("reopen not quite", { user: alex, channel });
    await t.settle();
  });

  it("closes through the form and uploads the draft to the incident channel, once", async () => {
    await steps.begin("closed");
    const incident = await t.bot.deps.database.db.incident.findFirstOrThrow({ where: { number: 1 } });
    const channel = incident.channelId as string;
    await runToResolution(channel);

    const filesBefore = t.emulator.files().length;
    await t.driver.command("close", { user: alex, channel });
    const view = t.emulator.views.at(-1)!;
    expect(view.view.callback_id).toBe(VIEWS.close);
    const submitted = await t.driver.submitView({ user: alex, view, values: CLOSE_FORM });
    expect(submitted.status).toBe(200);
    expect(submitted.json).toBeUndefined();
    // Slack retries a submission whose ack was slow: nothing happens twice.
    await t.driver.submitView({ user: alex, view, values: CLOSE_FORM }).catch(() => undefined);
    await t.settle();

    const closed = await t.bot.deps.database.db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(closed.status).toBe("closed");
    expect(closed.closedAt?.toISOString()).toBe(t.bot.clock.now().toISOString());
    expect(closed.rootCause).toContain("A config push");
    expect(closed.lessons).toBeNull();
    const milestone = await t.bot.deps.database.db.milestone.findUnique({
      where: { incidentId_name: { incidentId: incident.id, name: "closed" } },
    });
    expect(milestone?.occurredAt.toISOString()).toBe(closed.closedAt?.toISOString());

    const files = t.emulator.files().slice(filesBefore);
    expect(files).toHaveLength(2);
    const stamp = closed.closedAt!.toISOString().slice(0, 19).replace(/:/g, "");
    const file = files.find((f) => f.filename.endsWith(".md"))!;
    expect(file.filename).toBe(`INC-1-postmortem-${stamp}Z.md`);
    expect(file.channels).toEqual([channel]);
    const markdown = content(file);
    // The full timeline goes with the draft, in the same message, and the draft names it.
    const timeline = files.find((f) => f.filename.endsWith(".csv"))!;
    expect(timeline.filename).toBe(`INC-1-timeline-${stamp}Z.csv`);
    expect(timeline.channels).toEqual([channel]);
    expect(markdown).toContain(`\`${timeline.filename}\` posted with this draft`);
    const csv = content(timeline);
    expect(csv.split("\r\n")[0]).toBe(
      "occurred_at,recorded_at,kind,who,workstream,tag,description,permalink",
    );
    expect(csv).toContain('"Escalated from SEV2 to SEV1 (critical): all regions | both APIs"');
    expect(csv).toContain('"Alex Moreau"');
    for (const heading of [
      // A mention typed in the title is stored as words, like one in an update.
      "# INC-1: Checkout @channel \\| broken",
      "## Impact, chronology and response",
      "### Chronology",
      "## Root cause",
      "## Recovery",
      "## Lessons learned",
      "### Action items",
      "## In closing",
      "## Appendix",
      "```mermaid\ngantt",
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain("Time (Asia/Seoul)");
    expect(markdown).toContain(
      "A config push \\<!channel\\> disabled \\`payments\\` \\| retries\nin every region",
    );
    expect(markdown).toContain("| Add a canary for \\`payments\\` \\| config | Casey \\| Ops |");
    // People by name, never as mentions; typed mention markup is inert.
    expect(markdown).toContain("Alex Moreau");
    expect(markdown).toContain("Blair \\<!here\\> O'Neil");
    expect(markdown).not.toMatch(/<!(channel|here)>|<@U/);

    const post = t.emulator.messages(channel).find((m) => m.files?.some((f) => f.id === file.id));
    expect(post?.files?.map((f) => f.id)).toEqual([file.id, timeline.id]);
    expect(post?.text).toContain("*Postmortem draft of INC-1* (incident closed)");
    expect(post?.text).toContain("&lt;!channel&gt;");
    expect(post?.text).toContain(`npm run postmortem -- 1 --generated-at ${closed.closedAt!.toISOString()}`);
    expect(post?.text).not.toMatch(/<!(channel|here)>/);
    expect(t.emulator.canvases()).toEqual([]);
    expect(t.emulator.channel(channel)?.isArchived).toBe(false);
    expect(
      t.emulator.messages(announce).some((m) => m.files?.length || /Postmortem draft/.test(m.text)),
    ).toBe(false);
    expect(t.emulator.violations).toEqual([]);
  });

  it("renders the same Markdown from the database with the CLI, without Slack", async () => {
    await steps.begin("CLI renders the same");
    const incident = await t.bot.deps.database.db.incident.findFirstOrThrow({ where: { number: 1 } });
    const uploaded = content(t.emulator.files().find((f) => f.filename.startsWith("INC-1-postmortem-"))!);
    const { stdout, stderr } = await cli(["1"], {
      DATABASE_URL: t.database.url,
      DISPLAY_TIME_ZONE: "Asia/Seoul",
    });
    expect(stdout).toBe(uploaded);
    expect(stderr).toContain(`generated as of ${incident.closedAt!.toISOString()} (its close`);
    expect(stderr).toMatch(/names the bot last learnt from Slack \(3 of 3\)/);
  });

  it("records action items after the close and re-renders the draft on request", async () => {
    await steps.begin("action items after the close");
    const incident = await t.bot.deps.database.db.incident.findFirstOrThrow({ where: { number: 1 } });
    const channel = incident.channelId as string;
    const noText = await t.driver.command(`action --owner <@${casey}>`, { user: blair, channel });
    expect(text(noText)).toContain("Say what needs doing");
    const badOwner = await t.driver.command("action Rotate keys --owner nobody", { user: blair, channel });
    expect(text(badOwner)).toContain("`--owner` needs a person");
    expect(await t.bot.deps.database.db.actionItem.count({ where: { incidentId: incident.id } })).toBe(1);

    await t.advance("1h");
    const added = await t.driver.command("action Page <!here> less often", { user: blair, channel });
    expect(text(added)).toContain("Action item 2 of INC-1 recorded (no owner yet");
    expect(text(added)).toContain("Page @here less often");
    const filesBefore = t.emulator.files().length;
    const requested = await t.driver.command("postmortem", { user: blair, channel });
    expect(text(requested)).toContain("Rendering the postmortem draft of INC-1");
    await t.settle();

    const files = t.emulator.files().slice(filesBefore);
    expect(files.map((f) => f.filename.replace(/\d{4}-.*Z/, "…"))).toEqual([
      "INC-1-postmortem-….md",
      "INC-1-timeline-….csv",
    ]);
    const markdown = content(files[0]!);
    expect(markdown).toContain("| 2 | Page @here less often | _unassigned_ |");
    const post = t.emulator.messages(channel).find((m) => m.files?.some((f) => f.id === files[0]!.id));
    expect(post?.text).not.toContain("(incident closed)");
    const generatedAt = /--generated-at (\S+)`/.exec(post?.text ?? "")?.[1];
    expect(generatedAt).toBe(t.bot.clock.now().toISOString());
    const { stdout } = await cli(["INC-1", "--generated-at", generatedAt!], {
      DATABASE_URL: t.database.url,
      DISPLAY_TIME_ZONE: "Asia/Seoul",
    });
    expect(stdout).toBe(markdown);
    expect(t.emulator.violations).toEqual([]);
  });

  it("sends a private incident's draft only to its own channel", async () => {
    await steps.begin("private draft");
    const { incident, channel } = await declareAndRun(
      t,
      { commander: alex, channel: general },
      "Credential leak",
      "--private",
    );
    expect(t.emulator.channel(channel)?.isPrivate).toBe(true);
    const announcementsBefore = t.emulator.messages(announce).length;
    await t.driver.command("status resolved keys rotated", { user: alex, channel });
    await t.driver.command("close", { user: alex, channel });
    await t.driver.submitView({ user: alex, view: t.emulator.views.at(-1)!, values: {} });
    await t.settle();
    const files = t.emulator.files().filter((f) => f.filename.startsWith(`INC-${incident.number}-`));
    expect(files).toHaveLength(2);
    for (const file of files) expect(file.channels).toEqual([channel]);
    expect(content(files[0]!)).toContain("private incident");
    expect(t.emulator.messages(announce).length).toBe(announcementsBefore);
    for (const other of t.emulator.channels().filter((c) => c.id !== channel)) {
      expect(JSON.stringify(t.emulator.messages(other.id))).not.toContain("Credential leak");
    }
    expect(t.emulator.violations).toEqual([]);
  });
});

describe("closing with a canvas, archiving, a Korean draft and a tight cadence configured", () => {
  let t: TestBot;
  let alex: string;
  let general: string;
  const env = { POSTMORTEM_LOCALE: "ko", REMINDER_CADENCE: "SEV1=5m,SEV2=10m,SEV3=4h,SEV4=off" };

  beforeAll(async () => {
    t = await startTestBot({ env: { POSTMORTEM_CANVAS: "true", ARCHIVE_ON_CLOSE: "true", ...env } });
    alex = t.emulator.addUser({ name: "alex" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex] }).id;
  });
  afterAll(() => t.stop());

  it("uploads the file, creates a canvas with the same Markdown, then archives the channel", async () => {
    const { channel } = await declareAndRun(t, { commander: alex, channel: general }, "Search down");
    await t.driver.command("update indexing stalled in us1", { user: alex, channel });
    await t.advance("25m");
    await t.driver.command("status resolved", { user: alex, channel });
    await t.driver.command("close", { user: alex, channel });
    await t.driver.submitView({
      user: alex,
      view: t.emulator.views.at(-1)!,
      values: { [INPUTS.rootCause.block]: { [INPUTS.rootCause.action]: "Disk full" } },
    });
    await t.settle();
    const [file] = t.emulator.files();
    const [canvas] = t.emulator.canvases();
    expect(file?.channels).toEqual([channel]);
    expect(canvas?.channelId).toBe(channel);
    // Named for its generation time, so a canvas made before a crash is found, not made again.
    const closedAt = (await t.bot.deps.database.db.incident.findFirstOrThrow({ where: { number: 1 } }))
      .closedAt!;
    expect(canvas?.title).toBe(
      `INC-1 postmortem draft, ${closedAt.toISOString().slice(0, 19).replace("T", " ")} UTC`,
    );
    expect(canvas?.markdown).toBe(content(file!));
    expect(canvas?.markdown).toContain("Disk full");
    // POSTMORTEM_LOCALE=ko reaches the uploaded draft, its timeline lines and the file beside it.
    const markdown = canvas?.markdown ?? "";
    expect(markdown).toContain("## 영향, 타임라인 및 대응");
    expect(markdown).toContain("상황 공유: indexing stalled in us1");
    expect(markdown).not.toContain("Status update");
    // The bot's own status and state words are Korean too, not left in English.
    expect(markdown).toMatch(/\*\*상태:\*\* (종료됨|해결됨)/);
    const csv = content(t.emulator.files().find((f) => f.filename.endsWith(".csv"))!);
    expect(csv).toContain('"상황 공유: indexing stalled in us1"');
    // REMINDER_CADENCE reaches it too: 25 minutes without an update breaks SEV2's 10 minutes.
    expect(markdown).toMatch(/SEV2 [^\n]*10분마다 공유 필요: 공유 1건, 위반 1건/);
    // And `npm run postmortem` reads the same two variables: the same draft from the database.
    const timelineOut = join(mkdtempSync(join(tmpdir(), "postmortem-timeline-")), "timeline.csv");
    const { stdout } = await cli(["1", "--timeline", timelineOut], { DATABASE_URL: t.database.url, ...env });
    expect(stdout).toBe(markdown);
    expect(readFileSync(timelineOut, "utf8")).toBe(csv);
    expect(t.emulator.channel(channel)?.isArchived).toBe(true);
    // Archived last: after the file and the canvas reached the channel.
    const methods = t.emulator.calls.map((c) => c.method);
    const archivedAt = methods.indexOf("conversations.archive");
    expect(archivedAt).toBeGreaterThan(methods.indexOf("files.completeUploadExternal"));
    expect(archivedAt).toBeGreaterThan(methods.indexOf("canvases.create"));
    expect(t.emulator.violations).toEqual([]);
  });
});

describe("a broken postmortem template", () => {
  it("stops the bot at start-up with the problems, not at close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "postmortem-template-"));
    const template = join(dir, "template.md");
    writeFileSync(template, "# {{title}}\n{{section:timline}}\n");
    const started = await run(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: "secret",
        DATABASE_URL: `file:${join(dir, "bot.db")}`,
        POSTMORTEM_TEMPLATE: template,
      },
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(started.code).toBe(2);
    expect(started.stderr).toContain("The incident bot cannot start.");
    expect(started.stderr).toContain(
      `POSTMORTEM_TEMPLATE ${template} line 2, column 1: unknown section {{section:timline}} (did you mean {{section:timeline}}?)`,
    );
    expect(existsSync(join(dir, "bot.db"))).toBe(false);
  });
});
