// Asks the outbox for the postmortem draft: the Markdown file in the incident's channel and,
// when configured, a canvas. Queued in the caller's transaction, after the change it follows.
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import { sendLater } from "../support.ts";

export async function queuePostmortem(
  deps: ServiceDeps,
  repos: Repositories,
  incidentId: number,
  generatedAt: Date,
  reason: "close" | "request",
): Promise<void> {
  const at = generatedAt.toISOString();
  await sendLater(deps, repos, { kind: "postmortem.upload", incidentId, generatedAt: at, reason });
  if (deps.config.incidents.postmortemCanvas)
    await sendLater(deps, repos, { kind: "postmortem.canvas", incidentId, generatedAt: at });
}
