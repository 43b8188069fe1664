// Control characters typed or pasted into a form are refused at the boundary with an error
// under the field that holds them, and the form keeps everything (issue 16 item 7, forms).
// On PostgreSQL a U+0000 used to fail the declaration with "please try again", again on every
// retry; on SQLite it was stored and copied into the postmortem.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUTS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { testedProviders } from "../support/databases.ts";
import { viewOpenedBy } from "../support/opened-view.ts";

describe.each(testedProviders())("control characters in forms (%s)", (provider) => {
  let t: TestBot;
  let alex: string;
  let general: string;

  beforeAll(async () => {
    t = await startTestBot({ provider });
    alex = t.emulator.addUser({ name: "alex" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex] }).id;
  });
  afterAll(() => t.stop());

  it("names the character under its field, records nothing, and declares once it is removed", async () => {
    const view = await viewOpenedBy(t.emulator, () =>
      t.driver.command("declare", { user: alex, channel: general }),
    );
    const title = { [INPUTS.title.block]: { [INPUTS.title.action]: "Checkout\u0000down" } };
    const refused = await t.driver.submitView({ view, values: title });
    expect(refused.json).toEqual({
      response_action: "errors",
      errors: { [INPUTS.title.block]: expect.stringMatching(/control character \(U\+0000\) at position 9/) },
    });

    const summary = await t.driver.submitView({
      view,
      values: {
        [INPUTS.title.block]: { [INPUTS.title.action]: "Checkout down" },
        [INPUTS.summary.block]: { [INPUTS.summary.action]: "line one\nbell \u0007 here" },
      },
    });
    expect(summary.json).toMatchObject({
      response_action: "errors",
      errors: { [INPUTS.summary.block]: expect.stringMatching(/U\+0007/) },
    });
    const db = t.bot.deps.database.db;
    expect(await db.incident.count()).toBe(0);

    // Tabs and new lines are text: the same form, cleaned, declares.
    const accepted = await t.driver.submitView({
      view,
      values: {
        [INPUTS.title.block]: { [INPUTS.title.action]: "Checkout down" },
        [INPUTS.summary.block]: { [INPUTS.summary.action]: "line one\n\tindented" },
      },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toBe("");
    await t.settle();
    expect(await db.incident.findMany({ select: { title: true } })).toEqual([{ title: "Checkout down" }]);
    expect(t.emulator.violations).toEqual([]);
  });
});
