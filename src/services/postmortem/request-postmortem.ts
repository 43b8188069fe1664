// `/incident postmortem`: render the draft again, as of now (after late notes, actions or
// corrected milestones), and upload it to the incident's channel.
import type { ServiceDeps } from "../../deps.ts";
import type { PostmortemRequested } from "../results.ts";
import { lockedIncident, runChange } from "../support.ts";
import { queuePostmortem } from "./publish.ts";

export async function requestPostmortem(
  deps: ServiceDeps,
  input: { incidentId: number; requestKey: string },
): Promise<PostmortemRequested> {
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    const generatedAt = deps.clock.now();
    await queuePostmortem(deps, repos, incident.id, generatedAt, "request");
    return {
      kind: "postmortem_requested",
      incidentNumber: incident.number,
      generatedAt: generatedAt.toISOString(),
    };
  });
}
