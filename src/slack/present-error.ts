// The one place that turns an error into what the person sees. Known (domain) errors show
// their user message; anything else is logged with a reference the person can quote.
import { randomBytes } from "node:crypto";
import { CommandSyntaxError } from "../domain/command/dispatch.ts";
import { DomainError } from "../domain/errors.ts";
import type { Logger } from "../log/logger.ts";
import { usageLine } from "./views/help.ts";

export interface PresentedError {
  text: string;
  /** The modal input the message belongs to, when there is one. */
  field?: string;
}

export function presentError(error: unknown, logger: Logger, what: string): PresentedError {
  if (error instanceof CommandSyntaxError) {
    return { text: `:warning: ${error.userMessage}${error.verb ? `\n${usageLine(error.verb)}` : ""}` };
  }
  if (error instanceof DomainError) {
    logger.info({ code: error.code, what }, error.message);
    return { text: `:warning: ${error.userMessage}`, field: error.field };
  }
  const reference = randomBytes(4).toString("hex");
  logger.error({ err: error, reference, what }, "unexpected error while handling a Slack request");
  return {
    text: `:x: Sorry, that failed on our side (reference \`${reference}\`). Nothing was recorded; please try again.`,
  };
}
