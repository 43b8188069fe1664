// Submissions of the Severity, Status, Roles and Recovery board forms: each calls the same use
// case as its typed command, with the form's "when" and what the form showed (a change made
// since is refused as stale, not overwritten).
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { boardName, SERVICE_STATES } from "../../../domain/command/verbs/service.ts";
import { badInput } from "../../../domain/errors.ts";
import { INCIDENT_ROLES, type Role } from "../../../domain/incident/roles.ts";
import { SEVERITY_VALUES, type Severity, severityLabel } from "../../../domain/incident/severity.ts";
import { SETTABLE_STATUSES } from "../../../domain/incident/status.ts";
import { assignRole } from "../../../services/assign-role.ts";
import { changeSeverity } from "../../../services/change-severity.ts";
import { changeStatus } from "../../../services/change-status.ts";
import { setServiceStatus } from "../../../services/set-service-status.ts";
import { CONTROL_INPUTS } from "../../ids.ts";
import { boardKey } from "../../views/control-forms.ts";
import { chosen, controlRequest, type Submission } from "./control-submission.ts";
import { selectedUser, selectedValue, textValue } from "./view-state.ts";

const I = CONTROL_INPUTS;

export async function submitSeverityForm(deps: Deps, submission: Submission): Promise<void> {
  const request = await controlRequest(deps, submission, "severity", I.severity.block);
  const shown = z.number().int().min(1).max(4).optional().safeParse(request.shown).data as
    | Severity
    | undefined;
  const to = Number(
    chosen(
      selectedValue(submission.state, I.severity),
      SEVERITY_VALUES.map(String),
      I.severity.block,
      "Pick a severity.",
    ),
  ) as Severity;
  if (to === shown)
    throw badInput(`It is already ${severityLabel(to)}: pick another severity.`, I.severity.block);
  const reason = textValue(submission.state, I.reason);
  if (!reason) throw badInput("Say why the severity changes.", I.reason.block);
  const { shown: _, ...change } = request;
  await changeSeverity(deps, { ...change, to, reason, ...(shown ? { shownFrom: shown } : {}) });
}

export async function submitStatusForm(deps: Deps, submission: Submission): Promise<void> {
  const request = await controlRequest(deps, submission, "status", I.status.block);
  const shown = z.string().optional().safeParse(request.shown).data;
  const to = chosen(
    selectedValue(submission.state, I.status),
    SETTABLE_STATUSES,
    I.status.block,
    "Pick a status.",
  );
  if (to === shown) throw badInput(`It is already *${to}*: pick another status.`, I.status.block);
  const { shown: _, ...change } = request;
  await changeStatus(deps, {
    ...change,
    to,
    message: textValue(submission.state, I.message),
    ...(shown ? { shownFrom: shown } : {}),
  });
}

export async function submitRolesForm(deps: Deps, submission: Submission): Promise<void> {
  const request = await controlRequest(deps, submission, "roles", I.role.block);
  const roles: Role[] = request.workstreamId ? ["lead", ...INCIDENT_ROLES] : [...INCIDENT_ROLES];
  const role = chosen(selectedValue(submission.state, I.role), roles, I.role.block, "Pick a role.");
  const userId = selectedUser(submission.state, I.person);
  if (!userId) throw badInput("Pick who takes the role.", I.person.block);
  const holders = z.record(z.string(), z.string().nullable()).safeParse(request.shown).data;
  const shownHolder = holders && Object.hasOwn(holders, role) ? holders[role] : undefined;
  if (shownHolder === userId) throw badInput("They already hold it: pick someone else.", I.person.block);
  const { shown: _, workstreamId, ...change } = request;
  await assignRole(deps, {
    ...change,
    role,
    userId,
    workstreamId: role === "lead" ? workstreamId : null,
    contextWorkstreamId: workstreamId,
    ...(shownHolder !== undefined ? { shownHolder } : {}),
  });
}

const boardSchema = z.object({ rows: z.record(z.string(), z.enum(SERVICE_STATES)), complete: z.boolean() });

export async function submitServiceForm(deps: Deps, submission: Submission): Promise<void> {
  const request = await controlRequest(deps, submission, "recovery_board", I.service.block);
  const service = boardName(textValue(submission.state, I.service), "service", I.service.block);
  const regionText = textValue(submission.state, I.region);
  const region = regionText ? boardName(regionText, "region", I.region.block) : "";
  const phase = chosen(
    selectedValue(submission.state, I.phase),
    ["live", "backfill"] as const,
    I.phase.block,
    "Pick live data or backfill.",
  );
  const state = chosen(
    selectedValue(submission.state, I.state),
    SERVICE_STATES,
    I.state.block,
    "Pick the state.",
  );
  const board = boardSchema.safeParse(request.shown).data;
  const key = boardKey({ service, region, phase });
  // A row the form showed is checked against what it showed; one it did not (a large board)
  // only when the form showed the whole board (then it did not exist).
  const shownState = board ? (board.rows[key] ?? (board.complete ? null : undefined)) : undefined;
  const { shown: _, ...change } = request;
  await setServiceStatus(deps, {
    ...change,
    service,
    region,
    phase,
    state,
    note: textValue(submission.state, I.note),
    ...(shownState !== undefined ? { shownState } : {}),
  });
}
