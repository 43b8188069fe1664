// Handlers of the postmortem verbs: close (a form), postmortem (render again), action.
import { actionVerb, closeVerb, postmortemVerb } from "../../../domain/command/verbs/postmortem.ts";
import { addActionItem } from "../../../services/postmortem/add-action-item.ts";
import { assertClosable } from "../../../services/postmortem/close-incident.ts";
import { requestPostmortem } from "../../../services/postmortem/request-postmortem.ts";
import { closeModal } from "../../views/close-modal.ts";
import { defineCommand } from "./command.ts";
import { requireScope } from "./scope.ts";

export const closeCommand = defineCommand({
  verb: closeVerb,
  async run(context) {
    const { incident } = await requireScope(context, closeVerb.name);
    // Refuse before the form opens; the submission checks again (things may change meanwhile).
    await assertClosable(context.deps, context.deps.store.read, incident, context.userId);
    await context.deps.gateway.openView(context.triggerId, closeModal(incident));
    return null;
  },
});

export const postmortemCommand = defineCommand({
  verb: postmortemVerb,
  async run(context) {
    const { incident } = await requireScope(context, postmortemVerb.name);
    const { text } = await requestPostmortem(context.deps, {
      incidentId: incident.id,
      requestKey: context.requestKey,
    });
    return { text };
  },
});

export const actionCommand = defineCommand({
  verb: actionVerb,
  async run(context, args) {
    const { incident, workstream } = await requireScope(context, actionVerb.name);
    return addActionItem(context.deps, {
      incidentId: incident.id,
      workstreamId: workstream?.id ?? null,
      text: args.text,
      ownerId: args.ownerId,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});
