// What every control form shares: the modal around its blocks, the line saying which incident
// (and workstream) it acts on, and the metadata it carries back (what it acts on, when it
// opened, and what it showed, so a submission on state that changed since is refused).
import type { ControlFormModel } from "../../services/controls/control-form.ts";
import { type Block, plain } from "./blocks.ts";
import { LIMITS } from "./limits.ts";
import { pickerSeconds } from "./when-field.ts";

export interface ControlFormMetadata {
  /** Incident id. */
  i: number;
  /** Workstream id, when the form acts on one. */
  w: number | null;
  /** The moment the form opened, as its "when" picker showed it (Unix seconds). */
  t: number;
  /** What the form showed of the state it changes (per form). */
  s?: unknown;
}

export function controlMetadata(model: ControlFormModel, shown?: unknown): string {
  const metadata: ControlFormMetadata = {
    i: model.view.incident.id,
    w: model.workstream?.id ?? null,
    t: pickerSeconds(model.openedAt),
    ...(shown !== undefined ? { s: shown } : {}),
  };
  return JSON.stringify(metadata);
}

/** The form's first line: which incident (and workstream) it acts on. */
export function scopeLine(model: ControlFormModel): Block {
  const { incident } = model.view;
  const workstream = model.workstream ? ` · workstream ${model.workstream.name}` : "";
  return {
    type: "context",
    elements: [plain(`INC-${incident.number}: ${incident.title}${workstream}`, 2000)],
  };
}

export function controlModal(input: {
  callbackId: string;
  title: string;
  submit: string;
  metadata: string;
  blocks: Block[];
}) {
  return {
    type: "modal" as const,
    callback_id: input.callbackId,
    title: plain(input.title, LIMITS.modalTitle),
    submit: plain(input.submit, LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: input.metadata,
    blocks: input.blocks,
  };
}
