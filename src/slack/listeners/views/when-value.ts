// Reads a form's "When did this happen?" (views/when-field.ts): null means "now", which is
// what an untouched or cleared picker says. An untouched picker still holds the moment the
// form opened, so it is compared with that moment (kept in the form's metadata) rather than
// recorded as a time minutes in the past. The rules (no future, not more than 7 days before
// the incident) are the use case's, as for `--at`.
import { z } from "zod";
import { badInput } from "../../../domain/errors.ts";
import { CONTROL_INPUTS } from "../../ids.ts";
import type { ViewState } from "./view-state.ts";

const secondsSchema = z.number().int().positive().max(253_402_300_799);

export function whenValue(state: ViewState, shownSeconds: number | undefined): Date | null {
  const raw = state[CONTROL_INPUTS.when.block]?.[CONTROL_INPUTS.when.action]?.selected_date_time;
  if (raw === undefined || raw === null) return null;
  const seconds = secondsSchema.safeParse(raw);
  if (!seconds.success)
    throw badInput("Pick a date and a time, or leave it for now.", CONTROL_INPUTS.when.block);
  if (seconds.data === shownSeconds) return null;
  return new Date(seconds.data * 1000);
}
