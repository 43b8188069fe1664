// Errors a user can act on. `userMessage` is shown to the person who acted, on the surface
// they used (ephemeral reply, modal field, thread); `message` is for the logs.

export type DomainErrorCode =
  | "bad_input"
  | "not_found"
  | "not_in_incident"
  | "forbidden"
  | "conflict"
  | "invalid_state"
  | "unavailable";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly userMessage: string,
    options: { internal?: string; field?: string; cause?: unknown } = {},
  ) {
    super(options.internal ?? userMessage, { cause: options.cause });
    this.name = "DomainError";
    this.field = options.field;
  }

  /** Modal block the message belongs to, when the error is about one field. */
  readonly field: string | undefined;
}

export const badInput = (userMessage: string, field?: string) =>
  new DomainError("bad_input", userMessage, { field });
export const forbidden = (userMessage: string) => new DomainError("forbidden", userMessage);
export const notFound = (userMessage: string) => new DomainError("not_found", userMessage);
export const invalidState = (userMessage: string) => new DomainError("invalid_state", userMessage);
