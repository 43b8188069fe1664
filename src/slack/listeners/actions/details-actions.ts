// *Edit title & summary* (value: the incident id), for any surface showing an incident (the
// pinned summary's controls): opens the form prefilled with both as they are now.
import { badInput } from "../../../domain/errors.ts";
import { detailsToEdit } from "../../../services/edit-details.ts";
import { sealForm } from "../../form-seal.ts";
import { editDetailsModal } from "../../views/edit-details-modal.ts";
import type { ActionHandler } from "./action.ts";

export const editDetailsClicked: ActionHandler = async (deps, input) => {
  const incidentId = Number(input.value);
  if (!Number.isSafeInteger(incidentId) || incidentId <= 0)
    throw badInput("That button is out of date; type `/incident title` in the incident's channel.");
  const details = await detailsToEdit(deps, { incidentId, actorId: input.userId });
  await deps.gateway.openView(
    input.triggerId,
    sealForm(deps.config, editDetailsModal(details), input.userId),
  );
  return null;
};
