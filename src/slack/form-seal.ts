// Ties every form submission to a form the bot opened, for the person submitting it.
//
// A view_submission carries the view's private_metadata back to us, and that metadata says
// what the form acts on (an incident, a handoff, a response_url). Trusted as sent, a signed
// request for a form the bot never opened (or opened for someone else) could post an update
// into a private incident or make the outbox call any URL. So the bot seals the metadata when
// it opens the form: an HMAC over (form purpose, the person it was opened for, the metadata).
//
// Why a seal rather than a table of opened views: the seal costs no write on the way to
// views.open (whose trigger expires in 3 s and which runs outside any transaction), holds
// nothing that must be retained or cleaned up, works unchanged across replicas and restarts,
// and needs no schema change. What it cannot do is bind Slack's view id (Slack assigns it only
// after views.open answers); a replay is therefore limited to the same person and the same
// kind of form, and what the form acts on is re-checked at submission (e.g. that the person
// may still see the incident), so a replay grants nothing the person could not do anyway.
//
// The key is derived from the signing secret (HTTP mode) or, in Socket Mode where there may
// be none, from the bot token: both are secrets only Slack and the bot hold.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Config } from "../config.ts";
import { badInput } from "../domain/errors.ts";
import { LIMITS } from "./views/limits.ts";

const envelopeSchema = z.object({ v: z.literal(1), u: z.string(), d: z.string(), s: z.string() });

function keyOf(config: Pick<Config, "slack">): Buffer {
  const secret = config.slack.signingSecret ?? config.slack.botToken;
  return createHmac("sha256", secret).update("incident-bot form seal v1").digest();
}

function mac(key: Buffer, callbackId: string, userId: string, data: string): string {
  return createHmac("sha256", key)
    .update(JSON.stringify([callbackId, userId, data]))
    .digest("base64url");
}

/** A modal view (as the builders return it) with its private_metadata sealed for `userId`. */
export function sealForm<V extends { callback_id: string; private_metadata?: string }>(
  config: Pick<Config, "slack">,
  view: V,
  userId: string,
): V {
  const data = view.private_metadata ?? "";
  const sealed = JSON.stringify({
    v: 1,
    u: userId,
    d: data,
    s: mac(keyOf(config), view.callback_id, userId, data),
  });
  // A builder that filled the metadata to the brim would be cut by Slack; refuse loudly instead.
  if (sealed.length > LIMITS.privateMetadata)
    throw new Error(`sealed private_metadata of ${view.callback_id} is too long`);
  return { ...view, private_metadata: sealed };
}

export type SealProblem = "not_ours" | "other_user";

/** The metadata the bot sealed for this form and person, or why the submission is refused. */
export function unsealForm(
  config: Pick<Config, "slack">,
  submission: { callbackId: string; userId: string; privateMetadata: string | undefined },
): { data: string } | { problem: SealProblem } {
  let envelope: z.infer<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(submission.privateMetadata ?? ""));
  } catch {
    return { problem: "not_ours" };
  }
  const expected = Buffer.from(mac(keyOf(config), submission.callbackId, envelope.u, envelope.d));
  const given = Buffer.from(envelope.s);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { problem: "not_ours" };
  if (envelope.u !== submission.userId) return { problem: "other_user" };
  return { data: envelope.d };
}

/** Like unsealForm, but a refusal is an error shown under the form's first field. */
export function requireSealedForm(
  config: Pick<Config, "slack">,
  submission: { callbackId: string; userId: string; privateMetadata: string | undefined },
  field: string,
): string {
  const opened = unsealForm(config, submission);
  if ("data" in opened) return opened.data;
  throw badInput(
    opened.problem === "other_user"
      ? "This form was opened for someone else; open your own from the command or button. Nothing was recorded."
      : "I did not open this form (or it is from before an upgrade); open it again from the command or button. Nothing was recorded.",
    field,
  );
}
