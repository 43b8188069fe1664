// The *Page someone* button: opens the form for the incident the button belongs to.
import { badInput } from "../../../domain/errors.ts";
import { preparePageForm } from "../../../services/paging/page-form.ts";
import { sealForm } from "../../form-seal.ts";
import { pageModal } from "../../views/page-modal.ts";
import type { ActionHandler } from "./action.ts";

export const openPageForm: ActionHandler = async (deps, input) => {
  const incidentId = Number(input.value);
  if (!Number.isInteger(incidentId) || incidentId <= 0)
    throw badInput("This button lost track of its incident.");
  const { incident, teams } = await preparePageForm(deps, { incidentId, actorId: input.userId });
  await deps.gateway.openView(
    input.triggerId,
    sealForm(deps.config, pageModal({ incidentId: incident.id }, incident, teams), input.userId),
  );
  return null;
};
