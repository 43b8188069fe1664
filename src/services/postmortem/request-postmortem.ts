// `/incident postmortem`: render the draft again, as of now (after late notes, actions or
// corrected milestones), and upload it to the incident's channel.
import type { ServiceDeps } from "../../deps.ts";
import { lockedIncident, runChange } from "../support.ts";
import { queuePostmortem } from "./publish.ts";

export async function requestPostmortem(
  deps: ServiceDeps,
  input: { incidentId: number; requestKey: string },
): Promise<{ text: string; generatedAt: string }> {
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    const generatedAt = deps.clock.now();
    await queuePostmortem(deps, repos, incident.id, generatedAt, "request");
    return {
      text: `:page_facing_up: Rendering the postmortem draft of INC-${incident.number} from its timeline; it will be posted in the incident channel as a Markdown file in a moment.`,
      generatedAt: generatedAt.toISOString(),
    };
  });
}
