// PAGE_ON_SEV: declaring at, or escalating to, a listed severity pages the leadership target
// of the targets file, once per incident and severity. The target is read before the
// change's transaction (a person's email comes from Slack).
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { type Severity, severityLabel } from "../../domain/incident/severity.ts";
import { configuredPagers } from "../../domain/paging/pagers.ts";
import type { TargetLookup } from "../../domain/paging/targets.ts";
import { reportPageProblem, sendPage, unreachableProblem } from "./page-steps.ts";
import { configuredTarget } from "./targets.ts";

/** The leadership target when reaching `severity` pages it (null: it does not). */
export async function planSeverityPage(deps: ServiceDeps, severity: Severity): Promise<TargetLookup | null> {
  const { pageOnSeverities, targets } = deps.config.paging;
  if (!pageOnSeverities.includes(severity) || !targets.leadership) return null;
  if (!configuredPagers(deps.config.paging).length) return null;
  return configuredTarget(deps, targets.leadership);
}

export async function sendSeverityPage(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  input: { severity: Severity; plan: TargetLookup; actorId: string; reason: string },
): Promise<void> {
  if (!input.plan.ok) return reportPageProblem(deps, repos, incident, input.plan.problem);
  const outcome = await sendPage(deps, repos, incident, {
    target: input.plan.target,
    reason: `${severityLabel(input.severity)}: ${input.reason}`.slice(0, 300),
    source: "severity",
    handoffId: null,
    what: `sev${input.severity}-leadership`,
    actorId: input.actorId,
  });
  if (outcome.kind === "no_pager")
    await reportPageProblem(deps, repos, incident, unreachableProblem(input.plan.target));
}
