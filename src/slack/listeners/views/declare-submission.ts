// The declare form was submitted: validate every field, declare once per submission.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { splitList, TITLE_MAX } from "../../../domain/command/verbs/declare.ts";
import { badInput, DomainError } from "../../../domain/errors.ts";
import { parseSeverity } from "../../../domain/incident/severity.ts";
import { declareIncident } from "../../../services/declare-incident.ts";
import { requireRotation } from "../../../services/rotations/attach-rotation.ts";
import { INPUTS } from "../../ids.ts";
import {
  metadataOf,
  selectedUser,
  selectedValue,
  selectedValues,
  textValue,
  type ViewState,
} from "./view-state.ts";

const metadataSchema = z.object({
  responseUrl: z.url().startsWith("http").optional(),
  source: z
    .object({ channelId: z.string().regex(/^[CGD][A-Z0-9]{2,}$/), ts: z.string().regex(/^\d+\.\d+$/) })
    .optional(),
});

function field<T>(block: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DomainError) throw badInput(error.userMessage, block);
    throw error;
  }
}

export async function submitDeclareForm(
  deps: Deps,
  submission: { userId: string; viewId: string; state: ViewState; privateMetadata: string | undefined },
): Promise<void> {
  const { state } = submission;
  const title = textValue(state, INPUTS.title);
  if (!title) throw badInput("Give the incident a title.", INPUTS.title.block);
  if (title.length > TITLE_MAX) throw badInput(`At most ${TITLE_MAX} characters.`, INPUTS.title.block);
  const severity = field(INPUTS.severity.block, () =>
    parseSeverity(selectedValue(state, INPUTS.severity) ?? ""),
  );
  const regions = field(INPUTS.regions.block, () =>
    splitList(textValue(state, INPUTS.regions) || undefined, "region"),
  );
  const services = field(INPUTS.services.block, () =>
    splitList(textValue(state, INPUTS.services) || undefined, "service"),
  );
  const commanderId = selectedUser(state, INPUTS.commander) ?? submission.userId;
  const isPrivate = selectedValues(state, INPUTS.private).includes("private");
  const rotation = chosenRotation(deps, selectedValue(state, INPUTS.rotation), isPrivate);
  const metadata = metadataOf(submission.privateMetadata, metadataSchema);
  await declareIncident(deps, {
    title,
    summary: textValue(state, INPUTS.summary),
    severity,
    regions,
    services,
    commanderId,
    isPrivate,
    invitees: [],
    actorId: submission.userId,
    requestKey: `view:${submission.viewId}`,
    responseUrl: "responseUrl" in metadata ? metadata.responseUrl : undefined,
    ...("source" in metadata && metadata.source ? { source: metadata.source } : {}),
    ...(rotation ? { rotation } : {}),
  });
}

/**
 * The rotation chosen in the form, checked before anything is declared. A private incident
 * shows who a rotation would bring in and asks first, which a form submission cannot: it is
 * refused here, with where to do it instead.
 */
function chosenRotation(deps: Deps, name: string | undefined, isPrivate: boolean) {
  if (!name) return undefined;
  if (isPrivate)
    throw badInput(
      `A private incident asks before a rotation brings people in: declare it without one, then type \`/incident rotation ${name}\` in its channel to see who would be added.`,
      INPUTS.rotation.block,
    );
  return field(INPUTS.rotation.block, () => requireRotation(deps, name));
}
