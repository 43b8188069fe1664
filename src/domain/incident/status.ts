// Incident status: investigating → identified → monitoring → resolved, then closed.
import { badInput, invalidState } from "../errors.ts";
import { assertIncidentOpen } from "./assert-open.ts";

export const OPEN_STATUSES = ["investigating", "identified", "monitoring"] as const;
export const STATUSES = [...OPEN_STATUSES, "resolved", "closed"] as const;
export type Status = (typeof STATUSES)[number];
/** Statuses a person can set with `/incident status` (closing has its own command). */
export const SETTABLE_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

const EMOJI: Record<Status, string> = {
  investigating: ":mag:",
  identified: ":dart:",
  monitoring: ":eyes:",
  resolved: ":white_check_mark:",
  closed: ":lock:",
};

export const statusBadge = (status: Status) => `${EMOJI[status]} ${status}`;

export function parseSettableStatus(text: string): SettableStatus {
  const value = text.trim().toLowerCase();
  const match = SETTABLE_STATUSES.find((s) => s === value || (value.length >= 3 && s.startsWith(value)));
  if (!match) throw badInput(`Status must be one of: ${SETTABLE_STATUSES.join(", ")}.`);
  return match;
}

export const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

/** Checks a status change; returns nothing or throws a message the person can act on. */
export function assertStatusChange(from: Status, to: SettableStatus): void {
  assertIncidentOpen({ status: from });
  if (from === to) throw invalidState(`The incident is already *${to}*.`);
  if (from === "resolved")
    throw invalidState("This incident is resolved. Use `/incident reopen` to reopen it first.");
}
