// The life of one handoff, as pure rules: prompted → briefed → accepted, with escalations
// while it waits, and superseded when a newer handoff of the same role replaces it.

export const HANDOFF_STATES = ["prompted", "briefed", "accepted", "superseded", "cancelled"] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];
export const PENDING_STATES: readonly HandoffState[] = ["prompted", "briefed"];

export type HandoffAction = "brief" | "accept" | "escalate" | "supersede" | "cancel";

export type Transition = { ok: true; state: HandoffState } | { ok: false; reason: string };

export const isPending = (state: string): boolean => (PENDING_STATES as readonly string[]).includes(state);

const CLOSED_REASONS: Record<Exclude<HandoffState, "prompted" | "briefed">, string> = {
  accepted: "This handoff has already been accepted.",
  superseded: "This handoff was replaced by a newer one; use the latest handoff message.",
  cancelled: "This handoff is no longer needed (the incident is no longer active).",
};

/** What `action` does to a handoff in `state`, or why it cannot happen. */
export function transition(state: HandoffState, action: HandoffAction): Transition {
  if (!isPending(state)) return { ok: false, reason: CLOSED_REASONS[state as keyof typeof CLOSED_REASONS] };
  switch (action) {
    case "brief":
      // A second brief before acceptance is a revision: the latest one stands.
      return { ok: true, state: "briefed" };
    case "accept":
      return { ok: true, state: "accepted" };
    case "escalate":
      return { ok: true, state };
    case "supersede":
      return { ok: true, state: "superseded" };
    case "cancel":
      return { ok: true, state: "cancelled" };
  }
}

/**
 * The time to accept by: `acceptWithin` after the boundary, or after the prompt when the prompt
 * came later (a manual handoff, or a boundary caught up after the bot was down).
 */
export function acceptDeadline(boundaryAt: Date | null, promptedAt: Date, acceptWithinMs: number): Date {
  const from = Math.max(boundaryAt?.getTime() ?? promptedAt.getTime(), promptedAt.getTime());
  return new Date(from + acceptWithinMs);
}

/** The interval between reminders: the same as the time allowed to accept. */
export function escalationIntervalMs(handoff: {
  boundaryAt: Date | null;
  promptedAt: Date;
  acceptBy: Date | null;
}): number {
  if (!handoff.acceptBy) return 0;
  const from = Math.max(handoff.boundaryAt?.getTime() ?? 0, handoff.promptedAt.getTime());
  return Math.max(60_000, handoff.acceptBy.getTime() - from);
}

/** When escalation number `n + 1` is due, after `n` escalations: deadline, then every interval. */
export function escalationDueAt(acceptBy: Date, intervalMs: number, escalationsSoFar: number): Date {
  return new Date(acceptBy.getTime() + escalationsSoFar * intervalMs);
}

/** Boundary (or prompt, when manual) to acceptance; negative when accepted before the boundary. */
export function acceptanceLatencyMs(boundaryAt: Date | null, promptedAt: Date, acceptedAt: Date): number {
  return acceptedAt.getTime() - (boundaryAt ?? promptedAt).getTime();
}

/** Only the named incoming holder accepts, or an incident admin on their behalf. */
export function mayAccept(handoff: { toUserId: string }, userId: string, isAdmin: boolean): boolean {
  return handoff.toUserId === userId || isAdmin;
}

/** The outgoing holder writes the brief (or whoever holds the role now, or an admin). */
export function mayBrief(
  handoff: { fromUserId: string | null },
  currentHolder: string | null,
  userId: string,
  isAdmin: boolean,
): boolean {
  return handoff.fromUserId === userId || currentHolder === userId || isAdmin;
}

/**
 * When to remind next after `escalations` reminders, never in the past: after a long pause
 * (the bot was down) reminders resume at the interval instead of firing in a burst.
 */
export function nextReminderAt(acceptBy: Date, intervalMs: number, escalations: number, now: Date): Date {
  const due = escalationDueAt(acceptBy, intervalMs, escalations).getTime();
  if (due > now.getTime() || intervalMs <= 0) return new Date(due);
  const skipped = Math.floor((now.getTime() - due) / intervalMs) + 1;
  return new Date(due + skipped * intervalMs);
}
