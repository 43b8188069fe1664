// The edge every incident-scoped verb shares: resolve the incident (and workstream) of the
// channel the command was typed in, inject what every use case needs, run one use case and
// render its result. A verb typed outside an incident channel gets one clear refusal.
import type { Verb } from "../../../domain/command/verb.ts";
import { type IncidentScope, requireScopeOfChannel } from "../../../services/incident-scope.ts";
import type { Reply } from "../../views/replies/reply.ts";
import { type CommandContext, type CommandHandler, defineCommand } from "./command.ts";

/** What every incident-scoped use case is told about the request. */
export interface IncidentRequest {
  incidentId: number;
  /** The workstream whose channel the command was typed in, if any. */
  workstreamId: number | null;
  actorId: string;
  requestKey: string;
}

export interface IncidentCommandContext extends CommandContext {
  scope: IncidentScope;
}

export function defineIncidentCommand<Args, Result>(spec: {
  verb: Verb<Args>;
  run(request: IncidentRequest, args: Args, context: IncidentCommandContext): Promise<Result>;
  /** Shows the result: a reply, or null when it is shown elsewhere (a modal opened). */
  render(result: Result, context: IncidentCommandContext): Reply | null | Promise<Reply | null>;
}): CommandHandler<Args> {
  return defineCommand({
    verb: spec.verb,
    async run(context, args) {
      const scope = await requireScopeOfChannel(context.deps, context.channelId, spec.verb.name);
      const request: IncidentRequest = {
        incidentId: scope.incident.id,
        workstreamId: scope.workstream?.id ?? null,
        actorId: context.userId,
        requestKey: context.requestKey,
      };
      const scoped = { ...context, scope };
      return spec.render(await spec.run(request, args, scoped), scoped);
    },
  });
}
