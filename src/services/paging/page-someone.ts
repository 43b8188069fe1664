// `/incident page` and the *Page someone* form: page a person, a user group's pager team or a
// team by name, once per request. Who is read first (a person's email is in Slack); then the
// page is recorded and its calls to the pagers are queued in the same transaction.
import type { ServiceDeps } from "../../deps.ts";
import type { PageWho } from "../../domain/command/verbs/page.ts";
import { badInput } from "../../domain/errors.ts";
import { assertIncidentActive } from "../../domain/incident/assert-open.ts";
import { PAGER_NAMES } from "../../domain/paging/page.ts";
import { configuredPagers } from "../../domain/paging/pagers.ts";
import { resolveTeam, type TargetLookup } from "../../domain/paging/targets.ts";
import type { PageSent } from "../results.ts";
import { lockedIncident, runChange } from "../support.ts";
import { sendPage, unreachableProblem } from "./page-steps.ts";
import { groupTarget, personTarget, targetOrThrow } from "./targets.ts";

export type { PageWho };

export const NO_PAGERS_MESSAGE =
  "Paging is not set up: set PAGERDUTY_ROUTING_KEY, OPSGENIE_API_KEY or PAGE_WEBHOOK_URL (see the README's Paging section).";

async function lookup(deps: ServiceDeps, who: PageWho): Promise<TargetLookup> {
  if (who.kind === "person") return personTarget(deps, who.userId);
  if (who.kind === "group") return groupTarget(deps, who.groupId);
  return resolveTeam(deps.config.paging.targets, who.name);
}

export async function pageSomeone(
  deps: ServiceDeps,
  input: { incidentId: number; who: PageWho; reason: string; actorId: string; requestKey: string },
): Promise<PageSent> {
  if (!configuredPagers(deps.config.paging).length) throw badInput(NO_PAGERS_MESSAGE);
  const target = targetOrThrow(await lookup(deps, input.who));
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    assertIncidentActive(incident, "nobody needs paging for it.");
    const count = await repos.pages.count(incident.id);
    const outcome = await sendPage(deps, repos, incident, {
      target,
      reason: input.reason,
      source: "command",
      handoffId: null,
      what: `page-${count + 1}`,
      actorId: input.actorId,
    });
    if (outcome.kind === "no_pager") {
      const problem = unreachableProblem(target);
      throw badInput(`${problem.charAt(0).toUpperCase()}${problem.slice(1)}`);
    }
    return {
      kind: "page_sent",
      incidentNumber: incident.number,
      targetKind: target.kind,
      targetId: target.id,
      pagers: outcome.kind === "sent" ? outcome.pagers.map((p) => PAGER_NAMES[p]) : [],
      dedupKey: outcome.dedupKey,
    };
  });
}
