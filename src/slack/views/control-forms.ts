// The forms behind the Severity, Status, Roles and Recovery board controls, prefilled with the
// current state. Restricted parts (lowering the severity, resolving) say beforehand who may
// do them, in the words of permissions.ts. Every one asks when the change happened.

import { SERVICE_STATES } from "../../domain/command/verbs/service.ts";
import { ENTRY_TEXT_MAX } from "../../domain/command/verbs/update.ts";
import { INCIDENT_ROLES, ROLE_TITLES, type Role } from "../../domain/incident/roles.ts";
import { SEVERITY_VALUES, type Severity, severityLabel } from "../../domain/incident/severity.ts";
import { SETTABLE_STATUSES } from "../../domain/incident/status.ts";
import { mentionUser } from "../../domain/text/mrkdwn.ts";
import type { ControlFormModel } from "../../services/controls/control-form.ts";
import { CONTROL_INPUTS, CONTROL_VIEWS } from "../ids.ts";
import { type Block, context, option, plain, section } from "./blocks.ts";
import { controlMetadata, controlModal, scopeLine } from "./control-form-shell.ts";
import { LIMITS } from "./limits.ts";
import { boardRows } from "./recovery-board.ts";
import { whenField } from "./when-field.ts";

type Ids = { block: string; action: string };

export function textInput(
  ids: Ids,
  label: string,
  options: {
    optional?: boolean;
    multiline?: boolean;
    initial?: string;
    placeholder?: string;
    max?: number;
  } = {},
): Block {
  return {
    type: "input",
    block_id: ids.block,
    ...(options.optional ? { optional: true } : {}),
    label: plain(label, 2000),
    element: {
      type: "plain_text_input",
      action_id: ids.action,
      ...(options.multiline ? { multiline: true } : {}),
      max_length: Math.min(options.max ?? ENTRY_TEXT_MAX, LIMITS.inputMaxLength),
      ...(options.initial ? { initial_value: options.initial } : {}),
      ...(options.placeholder ? { placeholder: plain(options.placeholder, 150) } : {}),
    },
  };
}

export function selectInput(
  ids: Ids,
  label: string,
  choices: { text: string; value: string }[],
  initial?: string,
): Block {
  const options = choices.map((c) => option(c.text, c.value));
  const initialOption = options.find((o) => o.value === initial);
  return {
    type: "input",
    block_id: ids.block,
    label: plain(label, 2000),
    element: {
      type: "static_select",
      action_id: ids.action,
      options,
      ...(initialOption ? { initial_option: initialOption } : {}),
    },
  };
}

export function userInput(
  ids: Ids,
  label: string,
  options: { optional?: boolean; initial?: string } = {},
): Block {
  return {
    type: "input",
    block_id: ids.block,
    ...(options.optional ? { optional: true } : {}),
    label: plain(label, 2000),
    element: {
      type: "users_select",
      action_id: ids.action,
      ...(options.initial ? { initial_user: options.initial } : {}),
    },
  };
}

export function severityForm(model: ControlFormModel) {
  const current = model.view.incident.severity as Severity;
  const blocks: Block[] = [
    scopeLine(model),
    selectInput(
      CONTROL_INPUTS.severity,
      `Severity — now ${severityLabel(current)}`,
      SEVERITY_VALUES.map((s) => ({ text: severityLabel(s), value: String(s) })),
      String(current),
    ),
  ];
  if (model.refusals.deescalate) blocks.push(context([`:lock: Lowering it: ${model.refusals.deescalate}`]));
  blocks.push(
    textInput(CONTROL_INPUTS.reason, "Why", {
      multiline: true,
      placeholder: "What changed in impact or scope",
    }),
    whenField(model.openedAt),
  );
  return controlModal({
    callbackId: CONTROL_VIEWS.severity,
    title: "Severity",
    submit: "Change",
    metadata: controlMetadata(model, current),
    blocks,
  });
}

export function statusForm(model: ControlFormModel) {
  const current = model.workstream ? model.workstream.status : model.view.incident.status;
  const blocks: Block[] = [
    scopeLine(model),
    selectInput(
      CONTROL_INPUTS.status,
      model.workstream ? `Workstream status — now ${current}` : `Status — now ${current}`,
      SETTABLE_STATUSES.map((s) => ({ text: s, value: s })),
      current,
    ),
  ];
  if (model.refusals.resolve) blocks.push(context([`:lock: Resolving: ${model.refusals.resolve}`]));
  blocks.push(
    textInput(CONTROL_INPUTS.message, "What changed", { optional: true, multiline: true }),
    whenField(model.openedAt),
  );
  return controlModal({
    callbackId: CONTROL_VIEWS.status,
    title: "Status",
    submit: "Change",
    metadata: controlMetadata(model, current),
    blocks,
  });
}

/** The roles a form can give: the incident's, and in a workstream its lead. */
export function assignableRoles(model: ControlFormModel): Role[] {
  return model.workstream ? ["lead", ...INCIDENT_ROLES] : [...INCIDENT_ROLES];
}

/** Who holds each role the form offers, as it showed them (the stale check compares). */
export function shownHolders(model: ControlFormModel): Record<string, string | null> {
  const holders: Record<string, string | null> = {};
  for (const role of assignableRoles(model))
    holders[role] =
      role === "lead" ? model.leaderId : (model.view.roles.find((r) => r.role === role)?.userId ?? null);
  return holders;
}

export function rolesForm(model: ControlFormModel) {
  const holders = shownHolders(model);
  const lines = Object.entries(holders).map(
    ([role, user]) => `*${ROLE_TITLES[role as Role]}:* ${user ? mentionUser(user) : "_nobody_"}`,
  );
  return controlModal({
    callbackId: CONTROL_VIEWS.roles,
    title: "Roles",
    submit: "Assign",
    metadata: controlMetadata(model, holders),
    blocks: [
      scopeLine(model),
      section(lines.join("\n")),
      selectInput(
        CONTROL_INPUTS.role,
        "Role",
        assignableRoles(model).map((r) => ({ text: ROLE_TITLES[r], value: r })),
        model.workstream ? "lead" : undefined,
      ),
      userInput(CONTROL_INPUTS.person, "Given to"),
      whenField(model.openedAt),
    ],
  });
}

/** Board rows as the service form shows them, keyed "service|region|phase". */
export const boardKey = (row: { service: string; region: string; phase: string }) =>
  `${row.service}|${row.region}|${row.phase}`;

/** What the service form remembers of the board: as many rows as fit in its metadata. */
export function shownBoard(model: ControlFormModel): { rows: Record<string, string>; complete: boolean } {
  const rows: Record<string, string> = {};
  let size = 0;
  const relevant = model.workstream
    ? model.view.services.filter(
        (s) => s.region === model.workstream?.name || s.workstreamId === model.workstream?.id,
      )
    : model.view.services;
  for (const row of relevant) {
    const key = boardKey(row);
    size += key.length + row.state.length + 8;
    // The sealed metadata must stay under Slack's 3,000 characters (with the seal around it).
    if (size > 1800) return { rows, complete: false };
    rows[key] = row.state;
  }
  return { rows, complete: relevant.length === model.view.services.length || Boolean(model.workstream) };
}

export function serviceForm(model: ControlFormModel) {
  const rows = boardRows(model.view.services).filter(
    (r) => !model.workstream || r.region === model.workstream.name,
  );
  const shown = rows.slice(0, 15).map((r) => {
    const live = r.live ? r.live.state : "—";
    const backfill = r.backfill ? ` · backfill ${r.backfill.state}` : "";
    return `\`${r.service}\` ${r.region ? `in \`${r.region}\`` : "(all regions)"}: ${live}${backfill}`;
  });
  const more = rows.length > 15 ? `\n…and ${rows.length - 15} more rows on the pinned board.` : "";
  return controlModal({
    callbackId: CONTROL_VIEWS.service,
    title: "Recovery board",
    submit: "Record",
    metadata: controlMetadata(model, shownBoard(model)),
    blocks: [
      scopeLine(model),
      section(shown.length ? `${shown.join("\n")}${more}` : "_The board is empty: record the first row._"),
      textInput(CONTROL_INPUTS.service, "Service", { max: 100, placeholder: "e.g. checkout" }),
      textInput(CONTROL_INPUTS.region, "Region", {
        optional: true,
        max: 100,
        ...(model.workstream ? { initial: model.workstream.name } : {}),
        placeholder: "Leave empty for every region",
      }),
      selectInput(
        CONTROL_INPUTS.phase,
        "Data",
        [
          { text: "Live data", value: "live" },
          { text: "Backfill", value: "backfill" },
        ],
        "live",
      ),
      selectInput(
        CONTROL_INPUTS.state,
        "State",
        SERVICE_STATES.map((s) => ({ text: s, value: s })),
      ),
      textInput(CONTROL_INPUTS.note, "Note", { optional: true, multiline: true, max: 500 }),
      whenField(model.openedAt),
    ],
  });
}
