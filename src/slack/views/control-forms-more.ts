// The forms behind Hand over, Action item and the overflow's Note and Milestone controls.
import { KNOWN_MILESTONES } from "../../domain/command/verbs/milestone.ts";
import { mentionUser } from "../../domain/text/mrkdwn.ts";
import type { ControlFormModel } from "../../services/controls/control-form.ts";
import { CONTROL_INPUTS, CONTROL_VIEWS } from "../ids.ts";
import { context, option, plain, section } from "./blocks.ts";
import { controlMetadata, controlModal, scopeLine } from "./control-form-shell.ts";
import { selectInput, textInput, userInput } from "./control-forms.ts";
import { whenField } from "./when-field.ts";

export function handOverForm(model: ControlFormModel) {
  const what = model.workstream ? `the lead of \`${model.workstream.name}\`` : "incident command";
  const now = model.leaderId ? mentionUser(model.leaderId) : "_nobody_";
  return controlModal({
    callbackId: CONTROL_VIEWS.handOver,
    title: "Hand over",
    submit: "Start handoff",
    metadata: controlMetadata(model, { leader: model.leaderId, workstream: model.workstream?.name ?? null }),
    blocks: [
      scopeLine(model),
      section(
        `Hand over ${what} (now ${now}). They get the brief and accept it; until then nothing changes.`,
      ),
      userInput(CONTROL_INPUTS.person, "To"),
    ],
  });
}

export function actionItemForm(model: ControlFormModel) {
  return controlModal({
    callbackId: CONTROL_VIEWS.actionItem,
    title: "Action item",
    submit: "Add",
    metadata: controlMetadata(model),
    blocks: [
      scopeLine(model),
      textInput(CONTROL_INPUTS.note, "Follow-up", { multiline: true, max: 1000 }),
      userInput(CONTROL_INPUTS.person, "Owner", { optional: true }),
      context(["Listed in the postmortem's action items."]),
    ],
  });
}

export function noteForm(model: ControlFormModel) {
  return controlModal({
    callbackId: CONTROL_VIEWS.note,
    title: "Note",
    submit: "Add",
    metadata: controlMetadata(model),
    blocks: [
      scopeLine(model),
      textInput(CONTROL_INPUTS.note, "Note (internal, in the timeline)", { multiline: true }),
      {
        type: "input",
        block_id: CONTROL_INPUTS.key.block,
        optional: true,
        label: plain("Feeds the postmortem's", 2000),
        element: {
          type: "radio_buttons",
          action_id: CONTROL_INPUTS.key.action,
          options: [option("Root cause", "cause"), option("Lessons learned", "lesson")],
        },
      },
      whenField(model.openedAt),
    ],
  });
}

export function milestoneForm(model: ControlFormModel) {
  const recorded = model.view.milestones.map((m) => m.name);
  return controlModal({
    callbackId: CONTROL_VIEWS.milestone,
    title: "Milestone",
    submit: "Record",
    metadata: controlMetadata(model),
    blocks: [
      scopeLine(model),
      selectInput(
        CONTROL_INPUTS.milestone,
        "Moment",
        KNOWN_MILESTONES.filter((m) => m !== "declared" && m !== "resolved").map((m) => ({
          text: recorded.includes(m) ? `${m} (correct it)` : m,
          value: m,
        })),
      ),
      textInput(CONTROL_INPUTS.note, "Note", { optional: true, multiline: true, max: 1000 }),
      whenField(model.openedAt),
    ],
  });
}
