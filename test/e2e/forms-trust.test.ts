// Form submissions are acted on only for forms the bot opened, for the person submitting them,
// and a response_url is only ever Slack's (issue 16 item 11). The forged requests here are
// signed correctly: what they fake is the view, as someone holding the signing secret (or a
// replay of another person's form) could.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUTS, VIEWS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { viewOpenedBy } from "../support/opened-view.ts";
import { FORM } from "../support/slack-driver.ts";
import { viewSubmissionPayload } from "../support/slack-emulator/interaction-payloads.ts";

type Values = Record<string, Record<string, string>>;

describe("form submissions are tied to the forms the bot opened", () => {
  let t: TestBot;
  let owner: string;
  let mallory: string;
  let general: string;
  let secret: DeclaredIncident;
  let trap: Server;
  let trapUrl: string;
  const trapped: string[] = [];

  /** A signed view_submission for a view Slack never showed anyone. */
  async function forge(user: string, callbackId: string, privateMetadata: string, values: Values) {
    const state = Object.fromEntries(
      Object.entries(values).map(([block, fields]) => [
        block,
        Object.fromEntries(
          Object.entries(fields).map(([action, value]) => [action, { type: "plain_text_input", value }]),
        ),
      ]),
    );
    const payload = {
      type: "view_submission",
      team: { id: t.emulator.teamId, domain: t.emulator.teamDomain },
      user: { id: user, name: "mallory", username: "mallory", team_id: t.emulator.teamId },
      api_app_id: t.emulator.appId,
      trigger_id: t.emulator.issueTrigger(user),
      view: {
        id: "VFORGED0001",
        type: "modal",
        callback_id: callbackId,
        private_metadata: privateMetadata,
        state: { values: state },
        blocks: [],
      },
      response_urls: [],
    };
    return t.driver.raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), {
      contentType: FORM,
    });
  }

  beforeAll(async () => {
    trap = createServer((request, response) => {
      trapped.push(`${request.method} ${request.url}`);
      response.end("ok");
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
    trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}/steal`;
    t = await startTestBot();
    owner = t.emulator.addUser({ name: "owner" }).id;
    mallory = t.emulator.addUser({ name: "mallory" }).id;
    general = t.emulator.addChannel({ name: "general", members: [owner, mallory] }).id;
    secret = await declareIncident(t, "Payroll leak --private", { by: owner, from: general });
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((resolve) => trap.close(resolve));
  });

  const updates = () =>
    t.bot.deps.database.db.timelineEntry.count({ where: { incidentId: secret.id, kind: "update_posted" } });

  it("refuses a post_update the bot never opened, from someone outside the private incident", async () => {
    const before = t.emulator.messages(secret.channel.id).length;
    const response = await forge(mallory, VIEWS.postUpdate, JSON.stringify({ incidentId: secret.id }), {
      [INPUTS.updateText.block]: { [INPUTS.updateText.action]: "All clear, nothing to see" },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      response_action: "errors",
      errors: { [INPUTS.updateText.block]: expect.stringMatching(/did not open this form/) },
    });
    // A later change by the owner goes through, and is the only update recorded and posted.
    await t.driver.command("update Contained, rotating keys", { user: owner, channel: secret.channel.id });
    await t.settle();
    expect(await updates()).toBe(1);
    const posted = t.emulator
      .messages(secret.channel.id)
      .slice(before)
      .map((m) => m.text ?? "");
    expect(posted.join("\n")).not.toContain("All clear");
    expect(t.emulator.violations).toEqual([]);
  });

  it("refuses a form the bot opened for someone else", async () => {
    const view = await viewOpenedBy(t.emulator, () =>
      t.driver.command("declare", { user: owner, channel: general }),
    );
    expect(view.user).toBe(owner);
    const payload = viewSubmissionPayload(
      t.emulator,
      view,
      mallory,
      { [INPUTS.title.block]: { [INPUTS.title.action]: "Not yours to declare" } },
      t.emulator.issueTrigger(mallory),
    );
    const response = await t.driver.raw(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      {
        contentType: FORM,
      },
    );
    expect(response.json).toMatchObject({
      response_action: "errors",
      errors: { [INPUTS.title.block]: expect.stringMatching(/opened for someone else/) },
    });
    // The owner submitting their own form declares it.
    const own = await t.driver.submitView({
      view,
      values: { [INPUTS.title.block]: { [INPUTS.title.action]: "Owner's own" } },
    });
    expect(own.status).toBe(200);
    await t.settle();
    const db = t.bot.deps.database.db;
    expect(await db.incident.count({ where: { title: "Not yours to declare" } })).toBe(0);
    expect(await db.incident.count({ where: { title: "Owner's own" } })).toBe(1);
  });

  it("never calls a loopback response_url, from a forged declare form or a forged slash command", async () => {
    const db = t.bot.deps.database.db;
    const forged = await forge(mallory, VIEWS.declare, JSON.stringify({ responseUrl: trapUrl }), {
      [INPUTS.title.block]: { [INPUTS.title.action]: "Forged form" },
    });
    expect(forged.json).toMatchObject({ response_action: "errors" });
    expect(await db.incident.count({ where: { title: "Forged form" } })).toBe(0);

    // A signed slash command whose response_url is not Slack's: the incident is declared (the
    // command itself is fine) but the "channel ready" answer is never sent there.
    const fields = t.driver.commandFields("declare Forged hook", { user: mallory, channel: general });
    const command = await t.driver.raw(new URLSearchParams({ ...fields, response_url: trapUrl }).toString(), {
      contentType: FORM,
    });
    expect(command.status).toBe(200);
    await t.settle();
    const declared = await db.incident.findFirst({ where: { title: "Forged hook" } });
    expect(declared?.channelId).toBeTruthy();
    const ready = await db.outboxMessage.findMany({ where: { kind: "incident.ready" } });
    expect(ready.at(-1)).toMatchObject({ status: "failed" });
    expect(trapped).toEqual([]);
  });
});
