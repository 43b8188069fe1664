// Creates an incident's or workstream's channel. On `name_taken` it tries `-2`, `-3`…. After an
// uncertain earlier attempt (a crash or timeout after Slack may have created it) every taken
// name is checked: a channel the bot itself created that no incident or workstream has claimed
// is the one that attempt made, and is adopted instead of making another.
// A name in another script that the workspace refuses falls back to its a-z form; the refusal
// is remembered for the process's life so later incidents go straight to the a-z form.

import {
  type DeliveryScope,
  isChannelClaimed,
  loadDeliveryScope,
  storeChannel,
} from "../../db/repositories/delivery-scope.ts";
import type { Deps } from "../../deps.ts";
import { asciiChannelName, hasOtherScripts, withSuffix } from "../../domain/incident/channel-name.ts";
import { type Gateway, SlackCallError } from "../../slack/gateway.ts";
import type { DeliveryAttempt } from "../delivery.ts";
import type { Scope } from "../intents.ts";

const MAX_SUFFIX = 20;

/** Workspaces (by gateway) that answered `invalid_name_specials` to a name in another script. */
const refusesOtherScripts = new WeakSet<Gateway>();

export async function createChannel(deps: Deps, scope: Scope, attempt: DeliveryAttempt): Promise<unknown> {
  const { db } = deps.database;
  const loaded = await loadDeliveryScope(db, scope);
  if (loaded.channelId) return { channel: loaded.channelId, existing: true };
  let base = loaded.channelName ?? `inc-${loaded.incident.number}`;
  if (hasOtherScripts(base) && refusesOtherScripts.has(deps.gateway)) base = asciiChannelName(base);
  let created: { id: string; name: string } | undefined;
  try {
    created = await createWithSuffixes(deps, loaded, base, attempt);
  } catch (error) {
    const refusedScript =
      error instanceof SlackCallError &&
      error.slackError === "invalid_name_specials" &&
      hasOtherScripts(base);
    if (!refusedScript) throw error;
    refusesOtherScripts.add(deps.gateway);
    deps.logger.info(
      { method: "conversations.create" },
      "workspace refuses channel names in other scripts; using a-z names",
    );
    created = await createWithSuffixes(deps, loaded, asciiChannelName(base), attempt);
  }
  await storeChannel(db, loaded, created);
  return { channel: created.id, name: created.name };
}

async function createWithSuffixes(
  deps: Deps,
  loaded: DeliveryScope,
  base: string,
  attempt: DeliveryAttempt,
): Promise<{ id: string; name: string }> {
  const isPrivate = loaded.incident.isPrivate;
  let botUserId: string | undefined;
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const name = withSuffix(base, n);
    try {
      return await deps.gateway.createChannel(name, isPrivate);
    } catch (error) {
      if (!(error instanceof SlackCallError) || error.slackError !== "name_taken") throw error;
      if (!attempt.previouslyAttempted) continue;
      botUserId ??= (await deps.gateway.authTest()).userId;
      const earlier = await deps.gateway.findChannelByName(name);
      const ours =
        earlier && earlier.creator === botUserId && !(await isChannelClaimed(deps.database.db, earlier.id));
      if (earlier && ours) return { id: earlier.id, name: earlier.name };
    }
  }
  throw new SlackCallError({ kind: "permanent", error: "name_taken", method: "conversations.create" });
}
