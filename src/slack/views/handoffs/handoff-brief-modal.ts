// The form the outgoing holder fills in: five answers, pre-filled from the timeline.
import { BRIEF_FIELD_MAX, BRIEF_LABELS, type HandoffBrief } from "../../../domain/handoff/brief.ts";
import { mentionUser } from "../../../domain/text/mrkdwn.ts";
import { truncate } from "../../../domain/text/truncate.ts";
import { formatUtc } from "../../../domain/time/format.ts";
import type { BriefModalModel } from "../../../services/handoffs/brief-handoff.ts";
import { HANDOFF_INPUTS, VIEWS } from "../../ids.ts";
import { context, input, type Modal, plain } from "../blocks.ts";
import { LIMITS } from "../limits.ts";

const PLACEHOLDERS: Record<keyof HandoffBrief, string> = {
  currentState: "Severity, status, what is down where, what is recovering",
  triedOrRuledOut: "Rolled back deploy 4121 (no change); ruled out the network…",
  openActions: "• Restart ingest in us1 — @dana",
  risks: "Backfill may overload storage in eu1 around 03:00 UTC",
  nextCheckpoint: "18:00 UTC: decide on regional failover",
};

export function handoffBriefModal(model: BriefModalModel): Modal {
  const field = (key: keyof HandoffBrief, optional: boolean) => {
    const ids = HANDOFF_INPUTS[key];
    const initial = truncate(model.initial[key], BRIEF_FIELD_MAX);
    return input(
      ids,
      BRIEF_LABELS[key],
      {
        type: "plain_text_input",
        multiline: key !== "nextCheckpoint",
        max_length: BRIEF_FIELD_MAX,
        placeholder: plain(PLACEHOLDERS[key], 150),
        ...(initial ? { initial_value: initial } : {}),
      },
      { optional },
    );
  };
  return {
    type: "modal",
    callback_id: VIEWS.handoffBrief,
    title: plain("Shift handoff", LIMITS.modalTitle),
    submit: plain("Post handoff", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify({ handoffId: model.handoffId }),
    blocks: [
      context([
        `Handing *${model.roleText}* of INC-${model.incidentNumber} to ${mentionUser(model.toUserId)}. Pre-filled from the timeline since ${formatUtc(model.since, true)}: edit freely.`,
      ]),
      field("currentState", false),
      field("triedOrRuledOut", true),
      field("openActions", true),
      field("risks", true),
      field("nextCheckpoint", false),
    ],
  };
}
