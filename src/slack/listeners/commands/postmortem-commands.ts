// Handlers of the postmortem verbs: close (a form), postmortem (render again), action.
import { actionVerb, closeVerb, postmortemVerb } from "../../../domain/command/verbs/postmortem.ts";
import { addActionItem } from "../../../services/postmortem/add-action-item.ts";
import { prepareCloseForm } from "../../../services/postmortem/close-form.ts";
import { requestPostmortem } from "../../../services/postmortem/request-postmortem.ts";
import { humanizeSlackText } from "../../../services/timeline/humanize.ts";
import { sealForm } from "../../form-seal.ts";
import { closeModal } from "../../views/close-modal.ts";
import { renderResult } from "../../views/replies/index.ts";
import { defineIncidentCommand } from "./scope.ts";

export const closeCommand = defineIncidentCommand({
  verb: closeVerb,
  run: ({ incidentId, actorId }, _args, { deps }) => prepareCloseForm(deps, { incidentId, actorId }),
  render: async (incident, { deps, triggerId, userId }) => {
    await deps.gateway.openView(triggerId, sealForm(deps.config, closeModal(incident), userId));
    return null;
  },
});

export const postmortemCommand = defineIncidentCommand({
  verb: postmortemVerb,
  run: ({ incidentId, requestKey }, _args, { deps }) => requestPostmortem(deps, { incidentId, requestKey }),
  render: renderResult,
});

export const actionCommand = defineIncidentCommand({
  verb: actionVerb,
  run: async (request, args, { deps }) =>
    addActionItem(deps, {
      ...request,
      // Plain words, like updates: a typed mention is stored as "@alex".
      text: await humanizeSlackText(deps, args.text),
      ownerId: args.ownerId,
    }),
  render: renderResult,
});
