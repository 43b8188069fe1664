// `/incident title [<text>]` and `/incident summary [<text>]`: with text, change it at once;
// without, open the form with both.

import type { Verb } from "../../../domain/command/verb.ts";
import { type DetailsArgs, summaryVerb, titleVerb } from "../../../domain/command/verbs/details.ts";
import { type DetailsEdited, detailsToEdit, editDetails } from "../../../services/edit-details.ts";
import { sealForm } from "../../form-seal.ts";
import { detailsEditedReply, editDetailsModal } from "../../views/edit-details-modal.ts";
import { defineIncidentCommand } from "./scope.ts";

function detailsCommand(verb: Verb<DetailsArgs>, field: "title" | "summary") {
  return defineIncidentCommand({
    verb,
    async run(request, args, { deps, triggerId, userId }): Promise<DetailsEdited | null> {
      if (args.text !== null) return editDetails(deps, { ...request, [field]: args.text });
      // The trigger expires three seconds after the command: read, then open at once.
      const details = await detailsToEdit(deps, { incidentId: request.incidentId, actorId: request.actorId });
      await deps.gateway.openView(triggerId, sealForm(deps.config, editDetailsModal(details), userId));
      return null;
    },
    render: (result) => (result ? detailsEditedReply(result) : null),
  });
}

export const titleCommand = detailsCommand(titleVerb, "title");
export const summaryCommand = detailsCommand(summaryVerb, "summary");
