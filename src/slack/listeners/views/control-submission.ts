// What every control form's submission shares: its metadata (sealed when the form opened,
// so trusted as to what it acts on), the re-check that the person may still use it (they
// may have left a private incident's channel, or it may have closed since), and its request
// key, so a form submitted twice records once.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { badInput } from "../../../domain/errors.ts";
import { type Control, openControlForm } from "../../../services/controls/control-form.ts";
import { metadataOf, type ViewState } from "./view-state.ts";
import { whenValue } from "./when-value.ts";

export interface Submission {
  userId: string;
  viewId: string;
  state: ViewState;
  privateMetadata: string | undefined;
}

const metadataSchema = z.object({
  i: z.number().int().positive(),
  w: z.number().int().positive().nullable(),
  t: z.number().int(),
  s: z.unknown().optional(),
});

export interface ControlRequest {
  incidentId: number;
  workstreamId: number | null;
  actorId: string;
  requestKey: string;
  /** "When did this happen?": null for now. */
  at: Date | null;
  /** What the form showed of the state it changes (checked by the use case). */
  shown: unknown;
}

export async function controlRequest(
  deps: Deps,
  submission: Submission,
  control: Control,
  firstField: string,
): Promise<ControlRequest> {
  const metadata = metadataOf(submission.privateMetadata, metadataSchema);
  if (!("i" in metadata))
    throw badInput(
      "This form lost track of its incident; open it again from the incident's controls.",
      firstField,
    );
  // The same checks as when it opened: visibility, closed, and who may hand over.
  await openControlForm(deps, {
    incidentId: metadata.i,
    workstreamId: metadata.w,
    actorId: submission.userId,
    control,
  });
  return {
    incidentId: metadata.i,
    workstreamId: metadata.w,
    actorId: submission.userId,
    requestKey: `view:${submission.viewId}`,
    at: whenValue(submission.state, metadata.t),
    shown: metadata.s,
  };
}

/** A required choice, validated against what the form offered. */
export function chosen<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  field: string,
  ask: string,
): T {
  if (value && (allowed as readonly string[]).includes(value)) return value as T;
  throw badInput(ask, field);
}
