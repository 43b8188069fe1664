// Resolving symbolic targets (an incident's channel) to Slack channel IDs at delivery time.
import { type DeliveryConnection as Db, loadDeliveryScope } from "../../db/repositories/delivery-scope.ts";
import { NotReadyError } from "../delivery.ts";
import type { Scope, Target } from "../intents.ts";

// A channel, once created, is an incident's (or workstream's) for good: remember it, so each
// message to it does not read the incident again.
const knownChannels = new WeakMap<Db, Map<string, string>>();

function rememberChannel(db: Db, scope: Scope, channelId: string): string {
  let known = knownChannels.get(db);
  if (!known) {
    known = new Map();
    knownChannels.set(db, known);
  }
  if (known.size > 50_000) known.clear();
  known.set(JSON.stringify(scope), channelId);
  return channelId;
}

/** The channel of a scope; waits (NotReady) while it is being created. */
export async function channelOfScope(db: Db, scope: Scope): Promise<string> {
  const remembered = knownChannels.get(db)?.get(JSON.stringify(scope));
  if (remembered) return remembered;
  const loaded = await loadDeliveryScope(db, scope);
  if (loaded.channelId) return rememberChannel(db, scope, loaded.channelId);
  // A workstream without a channel of its own talks in the incident's channel.
  if (loaded.kind === "workstream" && !loaded.wantChannel) {
    if (loaded.incident.channelId) return loaded.incident.channelId;
  }
  throw new NotReadyError(`channel of ${JSON.stringify(scope)} is not created yet`);
}

export async function channelOfTarget(db: Db, target: Target): Promise<string> {
  if ("channelId" in target) return target.channelId;
  if ("userId" in target) return target.userId;
  return channelOfScope(db, target);
}
