// A form opened on state that has changed since: refused, saying what changed, instead of
// overwriting newer state blindly. Forms carry what they showed; typed commands carry nothing
// and are not checked (the person typing sees the channel as it is).
import { DomainError } from "../domain/errors.ts";

export function staleForm(what: string, shown: string, now: string): DomainError {
  return new DomainError(
    "conflict",
    `${what} changed since this form was opened: it showed ${shown}, it is now ${now}. Nothing was recorded; close the form and open it again to act on the current state.`,
  );
}

/** Throws staleForm when the form said what it showed (`shown` defined) and it differs. */
export function assertShownStill<T>(
  shown: T | undefined,
  current: T,
  what: string,
  words: (value: T) => string,
): void {
  if (shown === undefined || shown === current) return;
  throw staleForm(what, words(shown), words(current));
}
