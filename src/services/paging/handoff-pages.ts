// Pages for a handoff nobody accepts: the first escalation pages the incoming holder, the
// second the rotation's pager target (its `pager:`, else its escalation contact). Acceptance
// acknowledges and resolves them. Targets are read before the escalation's transaction.
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import type { Handoff } from "../../domain/handoff/handoff.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { configuredPagers } from "../../domain/paging/pagers.ts";
import type { TargetLookup } from "../../domain/paging/targets.ts";
import { reportPageProblem, sendPage, settlePages, unreachableProblem } from "./page-steps.ts";
import { configuredTarget, personTarget } from "./targets.ts";

export interface HandoffPagePlan {
  step: "holder" | "escalation";
  lookup: TargetLookup;
}

/** Who the coming escalation pages, if anyone (null when paging is off or nothing is left). */
export async function planHandoffPage(
  deps: ServiceDeps,
  handoff: Handoff,
  contact: string | null,
): Promise<HandoffPagePlan | null> {
  if (!configuredPagers(deps.config.paging).length) return null;
  const escalation = handoff.escalations + 1;
  if (escalation === 1) return { step: "holder", lookup: await personTarget(deps, handoff.toUserId) };
  if (escalation !== 2) return null;
  const rotation = handoff.rotation ? deps.rotations.get(handoff.rotation) : undefined;
  const target = rotation?.pager ?? contact;
  if (!target) return null;
  return { step: "escalation", lookup: await configuredTarget(deps, target) };
}

export async function sendHandoffPage(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  handoff: Handoff,
  plan: HandoffPagePlan,
): Promise<void> {
  if (!plan.lookup.ok) return reportPageProblem(deps, repos, incident, plan.lookup.problem);
  const outcome = await sendPage(deps, repos, incident, {
    target: plan.lookup.target,
    reason:
      plan.step === "holder"
        ? "you have a shift handoff to accept in Slack"
        : "a shift handoff is still not accepted; please find cover",
    source: "handoff",
    handoffId: handoff.id,
    what: `handoff-${handoff.id}-${plan.step}`,
    actorId: null,
  });
  if (outcome.kind === "no_pager")
    await reportPageProblem(deps, repos, incident, unreachableProblem(plan.lookup.target));
}

/** A handoff nobody needs to take any more (its rotation detached): its open pages are resolved. */
export async function resolveCancelledHandoffPages(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  handoffId: number,
  byUserId: string,
): Promise<void> {
  const open = await repos.pages.open(incident.id, handoffId);
  await settlePages(deps, repos, incident, open, { byUserId, acknowledge: false, why: "handoff cancelled" });
}

/** On acceptance: the handoff's open pages are acknowledged (by who accepted) and resolved. */
export async function settleHandoffPages(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  handoffId: number,
  byUserId: string,
): Promise<void> {
  const open = await repos.pages.open(incident.id, handoffId);
  await settlePages(deps, repos, incident, open, { byUserId, acknowledge: true, why: "handoff accepted" });
}
