// The controls' buttons (pinned summaries and the `/incident` menu): each opens its form,
// prefilled with the state as it is now, for the person who clicked; a refusal (a private
// incident they are not in, a closed incident, a hand over that is not theirs to start) is
// answered to them alone instead.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { badInput } from "../../../domain/errors.ts";
import { type Control, openControlForm } from "../../../services/controls/control-form.ts";
import { listOpenIncidents } from "../../../services/incident-overviews.ts";
import { markUpdateKey } from "../../../services/timeline/mark-update-key.ts";
import { prepareUpdateForm } from "../../../services/timeline/reminder-buttons.ts";
import { sealForm } from "../../form-seal.ts";
import { CONTROL_ACTIONS } from "../../ids.ts";
import { rolesForm, serviceForm, severityForm, statusForm } from "../../views/control-forms.ts";
import { actionItemForm, handOverForm, milestoneForm, noteForm } from "../../views/control-forms-more.ts";
import type { ControlTarget } from "../../views/controls.ts";
import { declareModal } from "../../views/declare-modal.ts";
import { incidentList } from "../../views/incident-list.ts";
import { postUpdateModal } from "../../views/post-update-modal.ts";
import { renderResult } from "../../views/replies/index.ts";
import { pickerSeconds } from "../../views/when-field.ts";
import type { ActionHandler, ActionInput } from "./action.ts";
import { listActionItemsClicked } from "./action-item-actions.ts";
import { editDetailsClicked } from "./details-actions.ts";
import { openPageForm } from "./page-actions.ts";

/** "<id>:<id>": what a control's (or a ⭐'s) value names. */
const idPairSchema = z
  .string()
  .regex(/^\d{1,12}:\d{1,12}$/)
  .transform((value) => value.split(":").map(Number) as [number, number]);

const INCIDENT_FLOWS: Record<string, ActionHandler> = {
  action_items: listActionItemsClicked,
  page: openPageForm,
  details: editDetailsClicked,
};

function targetOf(value: string): ControlTarget {
  const ids = idPairSchema.safeParse(value);
  if (!ids.success || ids.data[0] < 1)
    throw badInput("That button is not valid any more; type `/incident` for the current controls.");
  const [incidentId, workstreamId] = ids.data;
  return { incidentId, workstreamId: workstreamId > 0 ? workstreamId : null };
}

type FormView = { callback_id: string; private_metadata?: string };

async function openControl(deps: Deps, input: ActionInput, control: Control, target: ControlTarget) {
  const model = await openControlForm(deps, { ...target, actorId: input.userId, control });
  let view: FormView;
  switch (control) {
    case "post_update":
      // People in the incident channel post; for a workstream, people in its channel too.
      await prepareUpdateForm(deps, {
        incidentId: target.incidentId,
        actorId: input.userId,
        workstreamId: target.workstreamId,
      });
      view = postUpdateModal(
        {
          incidentId: target.incidentId,
          workstreamId: target.workstreamId,
          shownAt: pickerSeconds(model.openedAt),
        },
        model.view.incident,
        Boolean(deps.config.incidents.announceChannel),
        model.openedAt,
      );
      break;
    case "severity":
      view = severityForm(model);
      break;
    case "status":
      view = statusForm(model);
      break;
    case "roles":
      view = rolesForm(model);
      break;
    case "recovery_board":
      view = serviceForm(model);
      break;
    case "hand_over":
      view = handOverForm(model);
      break;
    case "action_item":
      view = actionItemForm(model);
      break;
    case "note":
      view = noteForm(model);
      break;
    case "milestone":
      view = milestoneForm(model);
      break;
  }
  await deps.gateway.openView(input.triggerId, sealForm(deps.config, view, input.userId));
  return null;
}

const opens =
  (control: Control): ActionHandler =>
  (deps, input) =>
    openControl(deps, input, control, targetOf(input.value));

export const CONTROL_HANDLERS: Record<string, ActionHandler> = {
  [CONTROL_ACTIONS.postUpdate]: opens("post_update"),
  [CONTROL_ACTIONS.severity]: opens("severity"),
  [CONTROL_ACTIONS.status]: opens("status"),
  [CONTROL_ACTIONS.roles]: opens("roles"),
  [CONTROL_ACTIONS.recoveryBoard]: opens("recovery_board"),
  [CONTROL_ACTIONS.handOver]: opens("hand_over"),
  [CONTROL_ACTIONS.actionItem]: opens("action_item"),
  // The overflow menu: its chosen option says which form ("note|<target>").
  [CONTROL_ACTIONS.more]: (deps, input) => {
    const [form, target] = input.value.split("|");
    // Incident-wide flows of their own (action items, paging, title & summary) take the incident id.
    const byIncident = form ? INCIDENT_FLOWS[form] : undefined;
    if (byIncident) return byIncident(deps, { ...input, value: String(targetOf(target ?? "").incidentId) });
    if (form !== "note" && form !== "milestone")
      throw badInput("That menu is not valid any more; type `/incident` for the current controls.");
    return openControl(deps, input, form, targetOf(target ?? ""));
  },
  // ⭐ on a posted update ("<incident>:<entry>"). Each click is its own request (a second
  // press is answered "already"); Slack retrying the same click gets the first answer.
  [CONTROL_ACTIONS.markKey]: async (deps, input) => {
    const ids = idPairSchema.safeParse(input.value);
    if (!ids.success || ids.data[0] < 1 || ids.data[1] < 1)
      throw badInput("That button is not valid any more; use `/incident update --key` instead.");
    const [incidentId, updateEntryId] = ids.data;
    return renderResult(
      await markUpdateKey(deps, {
        incidentId,
        updateEntryId,
        actorId: input.userId,
        requestKey: `key:${updateEntryId}:${input.triggerId}`,
      }),
    );
  },
  [CONTROL_ACTIONS.declare]: async (deps, input) => {
    await deps.gateway.openView(
      input.triggerId,
      sealForm(deps.config, declareModal(input.userId, {}), input.userId),
    );
    return null;
  },
  [CONTROL_ACTIONS.list]: async (deps, input) =>
    incidentList(await listOpenIncidents(deps, input.userId, { page: 1 }), deps.clock.now()),
};
