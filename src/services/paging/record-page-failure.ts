// A pager refused a page (4xx: a bad key, an unknown team, a bad shape): retrying will not
// help, so it is recorded once, in the timeline and the channel, for a person to fix the set-up.
import type { ServiceDeps } from "../../deps.ts";
import type { PageAction, PagerKind } from "../../domain/paging/page.ts";
import { refusedBy } from "../../domain/paging/page.ts";
import { recordEvent } from "../../events/record-event.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";
import { pagersFor } from "./page-steps.ts";

export async function recordPageFailure(
  deps: ServiceDeps,
  input: { pageId: number; pager: PagerKind; action: PageAction; error: string },
): Promise<void> {
  await runChange(deps, `page-failed:${input.pageId}:${input.pager}:${input.action}`, async (repos) => {
    const found = await repos.pages.byId(input.pageId);
    if (!found) return null;
    const incident = await lockedIncident(repos, found.incidentId);
    const page = await repos.pages.byId(input.pageId);
    if (!page || refusedBy(page, input.pager)) return null;
    // The other pagers this page went to (those that can reach its target).
    const target = { kind: page.targetKind, id: page.targetId, email: page.email };
    const others = pagersFor(deps, target).filter((p) => p !== input.pager);
    await recordEvent(
      repos,
      incident,
      {
        kind: "page_failed",
        pageId: page.id,
        dedupKey: page.dedupKey,
        targetKind: page.targetKind,
        targetId: page.targetId,
        pager: input.pager,
        error: input.error,
        allRefused: input.action === "trigger" && others.every((p) => refusedBy(page, p)),
      },
      metaFor(deps, null),
      { context: effectContext(deps) },
    );
    return null;
  });
}
