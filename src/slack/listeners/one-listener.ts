// One Bolt listener per kind of payload, dispatching on its id ourselves. Bolt runs every
// registered listener's middleware chain for every request (a slash command walked 52 chains,
// each copying the listener's arguments and making promises: about a seventh of the bot's CPU
// under load); a table of handlers behind one listener costs one chain and a lookup. Five
// listeners now: the command, buttons, forms, shortcuts and Events API callbacks.

const SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

/** A pattern matching exactly one of `ids`, whole (Bolt's constraint for action_id or callback_id). */
export function exactlyOneOf(ids: Iterable<string>): RegExp {
  const alternatives = [...ids].map((id) => id.replace(SPECIAL, "\\$&"));
  if (!alternatives.length) throw new Error("exactlyOneOf needs at least one id");
  return new RegExp(`^(?:${alternatives.join("|")})$`);
}

/** The handler filed under `id` in `table`, never one inherited from Object.prototype. */
export function handlerFor<T>(table: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(table, id) ? table[id] : undefined;
}

/** What an Events API handler gets from Bolt: the event, its envelope and the context. */
export interface EventArgs {
  event: { type: string };
  body: unknown;
  context: { botUserId?: string; retryNum?: number };
}

/** Events API handlers filed by event type. */
export type EventHandlers = Record<string, (args: EventArgs) => Promise<void>>;
