// The edge every incident-scoped verb shares: resolve the incident (and workstream) of the
// channel the command was typed in, inject what every use case needs, run one use case and
// render its result. A verb typed outside an incident channel gets one clear refusal. The
// channel's incident is remembered once found (services/incident-scope.ts), and the incident
// itself is loaded by the use case's own transaction; the few verbs that show or default from
// the scope (its number, the workstream's name) load it when they ask.
import type { Verb } from "../../../domain/command/verb.ts";
import {
  type IncidentScope,
  loadScope,
  notInIncident,
  requireChannelScopeIds,
} from "../../../services/incident-scope.ts";
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
  /** The incident and workstream as they are now, read when first asked for. */
  scope(): Promise<IncidentScope>;
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
      const { deps, channelId } = context;
      const found = await requireChannelScopeIds(deps, channelId, spec.verb.name);
      const request: IncidentRequest = {
        incidentId: found.ids.incidentId,
        workstreamId: found.ids.workstreamId,
        actorId: context.userId,
        requestKey: context.requestKey,
      };
      let loaded: Promise<IncidentScope> | null = found.scope ? Promise.resolve(found.scope) : null;
      const scope = () =>
        (loaded ??= loadScope(deps.store.read, found.ids.incidentId, found.ids.workstreamId).then((s) => {
          if (!s) throw notInIncident(spec.verb.name);
          return s;
        }));
      const scoped = { ...context, scope };
      return spec.render(await spec.run(request, args, scoped), scoped);
    },
  });
}
