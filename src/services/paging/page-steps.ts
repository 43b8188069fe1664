// The steps of a page inside a change's transaction: send one (once per dedup key), and
// acknowledge/resolve open ones. Targets are resolved before the transaction (./targets.ts),
// since a person's email comes from Slack.
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { type Page, type PagerKind, type PageSource, pageDedupKey } from "../../domain/paging/page.ts";
import { configuredPagers } from "../../domain/paging/pagers.ts";
import { type ResolvedTarget, reaches } from "../../domain/paging/targets.ts";
import { recordEvent } from "../../events/record-event.ts";
import { effectContext, metaFor, sendLater } from "../support.ts";

export interface PageRequest {
  target: ResolvedTarget;
  reason: string;
  source: PageSource;
  handoffId: number | null;
  /** What makes this page one of a kind within the incident ("handoff-7-holder", "page-3"). */
  what: string;
  actorId: string | null;
}

export type PageOutcome =
  | { kind: "sent"; dedupKey: string; pagers: PagerKind[] }
  | { kind: "already_sent"; dedupKey: string }
  | { kind: "no_pager"; dedupKey: string };

/** The configured pagers that can address this target. */
export function pagersFor(deps: Pick<ServiceDeps, "config">, target: ResolvedTarget): PagerKind[] {
  const paging = deps.config.paging;
  return configuredPagers(paging).filter((pager) =>
    reaches(paging.targets, pager, target, { pagerdutyKey: Boolean(paging.pagerduty.routingKey) }),
  );
}

export async function sendPage(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  request: PageRequest,
): Promise<PageOutcome> {
  const dedupKey = pageDedupKey(incident.number, request.what);
  if (await repos.pages.byDedupKey(dedupKey)) return { kind: "already_sent", dedupKey };
  const pagers = pagersFor(deps, request.target);
  if (!pagers.length) return { kind: "no_pager", dedupKey };
  await recordEvent(
    repos,
    incident,
    {
      kind: "page_sent",
      pageId: null,
      dedupKey,
      targetKind: request.target.kind,
      targetId: request.target.id,
      email: request.target.email,
      reason: request.reason,
      source: request.source,
      handoffId: request.handoffId,
      pagers,
    },
    metaFor(deps, request.actorId),
    { context: effectContext(deps) },
  );
  return { kind: "sent", dedupKey, pagers };
}

/**
 * Ends open pages: acknowledged first (by whom, how long after) when asked and not yet, then
 * resolved, so each pager's alert closes and the timeline says why.
 */
export async function settlePages(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  pages: Page[],
  how: { byUserId: string | null; acknowledge: boolean; why: string },
): Promise<number> {
  const now = deps.clock.now();
  const context = { context: effectContext(deps) };
  for (const page of pages) {
    const ref = {
      pageId: page.id,
      dedupKey: page.dedupKey,
      targetKind: page.targetKind,
      targetId: page.targetId,
    };
    if (how.acknowledge && page.status === "triggered")
      await recordEvent(
        repos,
        incident,
        {
          kind: "page_acknowledged",
          ...ref,
          byUserId: how.byUserId,
          afterMs: Math.max(0, now.getTime() - page.triggeredAt.getTime()),
        },
        metaFor(deps, how.byUserId),
        context,
      );
    await recordEvent(
      repos,
      incident,
      { kind: "page_resolved", ...ref, byUserId: how.byUserId, why: how.why },
      metaFor(deps, how.byUserId),
      context,
    );
  }
  return pages.length;
}

/**
 * An automatic page that cannot go out (an unmapped person or team, no pager reaching it):
 * said in the incident's channel, naming what is missing, since nobody typed it to be told.
 */
export async function reportPageProblem(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  problem: string,
): Promise<void> {
  deps.logger.warn({ incidentId: incident.id, problem }, "an automatic page could not be sent");
  await sendLater(deps, repos, {
    kind: "message.post",
    target: { incidentId: incident.id },
    message: { view: "page_problem", problem },
  });
}

/** What to tell people when no configured pager can reach a target. */
export function unreachableProblem(target: ResolvedTarget): string {
  const who = target.kind === "team" ? `team \`${target.id}\`` : `<@${target.id}>`;
  return `no configured pager can reach ${who}: give it a PagerDuty key or Opsgenie team (or an email) in PAGER_TARGETS_FILE (see pager-targets.example.yml).`;
}
