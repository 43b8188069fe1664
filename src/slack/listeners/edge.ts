// The one place a request's failure is presented, on the surface it came from. Every listener
// runs its work through one of these; a known (domain) error shows its user message, anything
// else is logged with a reference the person can quote (present-error.ts decides the words).
//   command → the acknowledgement's ephemeral text
//   button  → an ephemeral answer (response_url, else ephemeral in the channel, else a DM)
//   form    → `response_action: "errors"` under the field the error is about (else the first)
//   event   → a log line only: nobody is waiting for an answer
import type { Deps } from "../../deps.ts";
import { presentError } from "../present-error.ts";
import type { Reply } from "../views/replies/reply.ts";

/** Where a button's answer goes: the person who clicked, and nobody else. */
export interface ButtonTarget {
  userId: string;
  channelId: string | undefined;
  responseUrl: string | undefined;
}

/** What the person who clicked sees; a page of something may replace the message it was on. */
export interface ButtonReply extends Reply {
  replaceOriginal?: boolean;
}

export async function answerButton(deps: Deps, target: ButtonTarget, answer: ButtonReply): Promise<void> {
  const content = { text: answer.text, ...(answer.blocks ? { blocks: answer.blocks } : {}) };
  if (target.responseUrl) {
    await deps.gateway.respond(target.responseUrl, {
      response_type: "ephemeral",
      replace_original: answer.replaceOriginal ?? false,
      ...content,
    });
  } else if (target.channelId) {
    await deps.gateway.postEphemeral({ channel: target.channelId, user: target.userId, ...content });
  } else {
    await deps.gateway.postMessage({ channel: target.userId, ...content });
  }
}

export async function commandEdge(
  deps: Deps,
  what: string,
  work: () => Promise<Reply | null>,
): Promise<Reply | null> {
  try {
    return await work();
  } catch (error) {
    return { text: presentError(error, deps.logger, what).text };
  }
}

/** Runs after the click was acknowledged; the answer (or the failure) goes to the clicker. */
export async function buttonEdge(
  deps: Deps,
  what: string,
  target: ButtonTarget,
  work: () => Promise<ButtonReply | null>,
): Promise<void> {
  let answer: ButtonReply | null;
  try {
    answer = await work();
  } catch (error) {
    answer = { text: presentError(error, deps.logger, what).text };
  }
  if (!answer) return;
  await answerButton(deps, target, answer).catch((error) =>
    deps.logger.warn({ err: error, what }, "could not answer the person who clicked"),
  );
}

/** A form's answer that replaces it with another view (e.g. a confirmation) instead of closing. */
export interface FormUpdate {
  response_action: "update";
  view: Record<string, unknown>;
}

export type FormAck = (
  response?: { response_action: "errors"; errors: Record<string, string> } | FormUpdate,
) => Promise<void>;

const isFormUpdate = (value: unknown): value is FormUpdate =>
  typeof value === "object" && value !== null && (value as FormUpdate).response_action === "update";

/** Acknowledges a form after its work: closes it, or keeps it open with the error on a field. */
export async function formEdge(
  deps: Deps,
  what: string,
  firstBlock: string,
  ack: FormAck,
  work: () => Promise<unknown>,
): Promise<void> {
  let answer: unknown;
  try {
    answer = await work();
  } catch (error) {
    const presented = presentError(error, deps.logger, what);
    // Field errors are plain sentences under the input: no leading emoji.
    await ack({
      response_action: "errors",
      errors: { [presented.field ?? firstBlock]: presented.text.replace(/^:[a-z_]+: /, "") },
    });
    return;
  }
  await ack(isFormUpdate(answer) ? answer : undefined);
}

export async function eventEdge(
  deps: Deps,
  what: string,
  work: () => Promise<unknown>,
  fields: Record<string, unknown> = {},
): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.logger.error({ err: error, what, ...fields }, `could not handle ${what}`);
  }
}
