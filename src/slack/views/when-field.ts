// "When did this happen?": the one input every form that records a change carries. A Block
// Kit datetimepicker (an instant: Slack shows it in the person's own zone and sends Unix
// seconds), defaulting to the moment the form opened. The same rules as `--at` apply at
// submission (the use case checks them; a refusal names this field).
import type { InputBlock } from "@slack/types";
import { CONTROL_INPUTS } from "../ids.ts";
import { plain } from "./blocks.ts";

/** Unix seconds of `now`, as the picker shows it (and as the form's metadata remembers it). */
export const pickerSeconds = (now: Date): number => Math.floor(now.getTime() / 1000);

export function whenField(openedAt: Date): InputBlock {
  return {
    type: "input",
    block_id: CONTROL_INPUTS.when.block,
    optional: true,
    label: plain("When did this happen?", 2000),
    hint: plain(
      "Leave it for now. In your own time zone; not in the future, nor more than 7 days before the incident began.",
      2000,
    ),
    element: {
      type: "datetimepicker",
      action_id: CONTROL_INPUTS.when.action,
      initial_date_time: pickerSeconds(openedAt),
    },
  };
}
