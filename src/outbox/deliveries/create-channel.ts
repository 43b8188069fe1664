// Creates an incident's or workstream's channel. On `name_taken` it tries `-2`, `-3`…; after
// an uncertain earlier attempt it first adopts the channel that attempt may have created.

import { loadDeliveryScope, storeChannel } from "../../db/repositories/delivery-scope.ts";
import type { Deps } from "../../deps.ts";
import { withSuffix } from "../../domain/incident/channel-name.ts";
import { SlackCallError } from "../../slack/gateway.ts";
import type { DeliveryAttempt } from "../delivery.ts";
import type { Scope } from "../intents.ts";

const MAX_SUFFIX = 20;

export async function createChannel(deps: Deps, scope: Scope, attempt: DeliveryAttempt): Promise<unknown> {
  const { db } = deps.database;
  const loaded = await loadDeliveryScope(db, scope);
  if (loaded.channelId) return { channel: loaded.channelId, existing: true };
  const base = loaded.channelName ?? `inc-${loaded.incident.number}`;
  const isPrivate = loaded.incident.isPrivate;
  let created: { id: string; name: string } | undefined;
  for (let n = 1; n <= MAX_SUFFIX && !created; n++) {
    const name = withSuffix(base, n);
    try {
      created = await deps.gateway.createChannel(name, isPrivate);
    } catch (error) {
      if (!(error instanceof SlackCallError) || error.slackError !== "name_taken") throw error;
      if (attempt.previouslyAttempted && n === 1) {
        created = await deps.gateway.findChannelByName(name);
      }
    }
  }
  if (!created)
    throw new SlackCallError({ kind: "permanent", error: "name_taken", method: "conversations.create" });
  await storeChannel(db, loaded, created);
  return { channel: created.id, name: created.name };
}
