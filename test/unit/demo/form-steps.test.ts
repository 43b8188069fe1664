// Scenario commands done by form (`byForm: true`): the button and the values a person would
// fill in carry exactly what the typed command does, and commands without a form are refused.
import { describe, expect, it } from "vitest";
import { formRefusal, formStep } from "../../../demo/form-steps.ts";
import { parseCommand } from "../../../src/domain/command/dispatch.ts";
import { CONTROL_ACTIONS, CONTROL_INPUTS, CONTROL_VIEWS, INPUTS } from "../../../src/slack/ids.ts";
import { ALL_VERBS } from "../../../src/slack/listeners/commands/index.ts";

const NOW = new Date("2026-02-11T07:00:00Z");
const step = (text: string, zone = "UTC") => {
  const { verb, args } = parseCommand(ALL_VERBS, text, "help");
  return formStep(verb.name, args as Record<string, unknown>, NOW, zone);
};

describe("scenario commands by form", () => {
  it("fill the form with the command's values, --at read in the person's zone", () => {
    const update = step("update --key --at 15:50 Rollback done &amp; verified", "Asia/Tokyo");
    expect(update.press).toEqual({ button: CONTROL_ACTIONS.postUpdate });
    expect(update.values).toEqual({
      [INPUTS.updateText.block]: { [INPUTS.updateText.action]: "Rollback done & verified" },
      [CONTROL_INPUTS.key.block]: { [CONTROL_INPUTS.key.action]: ["key"] },
      [CONTROL_INPUTS.when.block]: {
        [CONTROL_INPUTS.when.action]: String(Date.parse("2026-02-11T06:50:00Z") / 1000),
      },
    });
    const service = step("service query recovering --region eu1 --phase backfill 40% replayed");
    expect(service.callbackId).toBe(CONTROL_VIEWS.service);
    expect(service.values[CONTROL_INPUTS.phase.block]).toEqual({ value: "backfill" });
    expect(service.values[CONTROL_INPUTS.note.block]).toEqual({ value: "40% replayed" });
    expect(step("note --cause bad bundle").press).toEqual({ overflow: "note" });
  });

  it("refuse commands without a form, mentions in text, and milestones the form does not offer", () => {
    expect(formRefusal("invite", {})).toContain("has no form");
    expect(formRefusal("update", { text: "ping <@U0DTESTER1>" })).toContain("plain text");
    expect(formRefusal("milestone", { name: "customer-comms" })).toContain("offers");
    expect(formRefusal("milestone", { name: "mitigated" })).toBeNull();
  });
});
