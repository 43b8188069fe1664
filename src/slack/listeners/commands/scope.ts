import { type IncidentScope, notInIncident, scopeOfChannel } from "../../../services/incident-scope.ts";
import type { CommandContext } from "./command.ts";

/** The incident (and workstream) of the channel the command was typed in, or a clear refusal. */
export async function requireScope(context: CommandContext, verb: string): Promise<IncidentScope> {
  const scope = await scopeOfChannel(context.deps.store.read, context.channelId);
  if (!scope) throw notInIncident(verb);
  return scope;
}
