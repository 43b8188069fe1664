// People's names for the draft. The bot asks Slack (through the user directory) and keeps
// what it learns in the database, so that the CLI, which never calls Slack, shows the same
// names as the uploaded draft. Whoever Slack cannot name (unreachable, rate-limited, unknown)
// is shown by ID, or by the name last learnt.
import type { UserNamesRepository } from "../../db/repositories/user-names.ts";
import type { ServiceDeps } from "../../deps.ts";
import type { NameResolver } from "../../domain/postmortem/input.ts";

export type { NameResolver };

/** A name learnt less than this long ago is used without asking Slack again. */
export const NAME_FRESH_MS = 24 * 3_600_000;
/** Lookups in flight at once: enough to be quick, few enough not to trip Slack's rate limits. */
const CONCURRENCY = 8;
/** Names from the database only: for exports made without Slack. */
export function cachedNames(userNames: UserNamesRepository): NameResolver {
  return async (userIds) =>
    new Map((await userNames.remembered(userIds)).map((row) => [row.userId, row.name]));
}

/** Names from Slack, remembered in the database; falls back to what was remembered. */
export function slackNames(deps: ServiceDeps): NameResolver {
  return async (userIds) => {
    const { userNames } = deps.store.read;
    const now = deps.clock.now();
    const cached = new Map((await userNames.remembered(userIds)).map((row) => [row.userId, row]));
    const names = new Map<string, string>();
    const stale: string[] = [];
    for (const id of userIds) {
      const row = cached.get(id);
      if (row && now.getTime() - row.updatedAt.getTime() < NAME_FRESH_MS) names.set(id, row.name);
      else stale.push(id);
    }
    const learnt = new Map<string, string>();
    let next = 0;
    const worker = async () => {
      while (next < stale.length) {
        const id = stale[next++] as string;
        // The directory answers with the ID itself when Slack could not name the person.
        const user = await deps.directory.user(id);
        if (user.name && user.name !== id) learnt.set(id, user.name);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, stale.length) }, worker));
    for (const id of stale) {
      const name = learnt.get(id) ?? cached.get(id)?.name;
      if (name) names.set(id, name);
    }
    for (const [userId, name] of learnt) {
      await userNames
        .remember(userId, name, now)
        .catch((error) => deps.logger.warn({ err: error, userId }, "could not remember a user's name"));
    }
    return names;
  };
}
