// Scheduled work of shift handoffs: prompts before shift changes, escalations of handoffs
// nobody accepted, and the long-duty nudge. Each claims its items with runOnce.
import type { ServiceDeps } from "../deps.ts";
import { nextEscalationAfter, runEscalations } from "../services/handoffs/escalations.ts";
import { nextLongShiftAfter, runLongShiftNudges } from "../services/handoffs/long-shifts.ts";
import { nextPromptAfter, runHandoffPrompts } from "../services/handoffs/scheduled-prompts.ts";
import type { ScheduledJob } from "./scheduler.ts";

export function handoffJobs(deps: ServiceDeps): ScheduledJob[] {
  return [
    {
      name: "handoff-prompts",
      nextDueAfter: (instant) => nextPromptAfter(deps, instant),
      run: (now) => runHandoffPrompts(deps, now),
    },
    {
      name: "handoff-escalations",
      nextDueAfter: (instant) => nextEscalationAfter(deps, instant),
      run: (now) => runEscalations(deps, now),
    },
    {
      name: "long-shifts",
      nextDueAfter: (instant) => nextLongShiftAfter(deps, instant),
      run: (now) => runLongShiftNudges(deps, now),
    },
  ];
}
