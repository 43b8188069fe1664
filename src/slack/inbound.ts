// The parts of Slack's payloads the bot relies on, validated with zod before any use case runs.
// Bolt has already checked the signature; this checks the shape, so a malformed or forged-but-
// signed payload is refused with a clear answer instead of reaching the domain half-formed.
import { z } from "zod";

const slackId = (prefixes: string) =>
  z.string().regex(new RegExp(`^[${prefixes}][A-Z0-9]{2,}$`), "not a Slack ID");

export const slashCommandSchema = z.object({
  text: z.string().max(200_000).default(""),
  user_id: slackId("UW"),
  channel_id: slackId("CGD"),
  trigger_id: z.string().min(1).max(200),
  response_url: z.url(),
});
export type SlashCommand = z.infer<typeof slashCommandSchema>;

export const blockActionSchema = z.object({
  user: z.object({ id: slackId("UW") }),
  trigger_id: z.string().min(1).max(200),
  response_url: z.url().optional(),
  channel: z.object({ id: slackId("CGD") }).optional(),
  container: z
    .object({ channel_id: slackId("CGD").optional(), message_ts: z.string().optional() })
    .optional(),
  message: z.object({ ts: z.string() }).optional(),
  view: z.object({ id: z.string() }).optional(),
});

export const buttonSchema = z.object({ value: z.string().max(2000).optional() });

/** An overflow menu's click: the option chosen. */
export const overflowChoiceSchema = z.object({ selected_option: z.object({ value: z.string().max(150) }) });

export const viewSubmissionSchema = z.object({
  user: z.object({ id: slackId("UW") }),
  view: z.object({
    id: z.string().min(1),
    private_metadata: z.string().max(3000).optional(),
    state: z.object({ values: z.record(z.string(), z.unknown()) }),
  }),
});

export const reactionEventSchema = z.object({
  user: slackId("UWB"),
  reaction: z.string().min(1).max(100),
  item: z.object({ type: z.literal("message"), channel: slackId("CGD"), ts: z.string().regex(/^\d+\.\d+$/) }),
});

const slackTs = z.string().regex(/^\d+\.\d+$/, "not a message ts");

/** A global shortcut (Slack's `shortcut` payload). */
export const globalShortcutSchema = z.object({
  type: z.literal("shortcut"),
  callback_id: z.string().min(1),
  trigger_id: z.string().min(1).max(200),
  user: z.object({ id: slackId("UW") }),
});

/** A message shortcut (`message_action`): the message as it is at that moment. */
export const messageShortcutSchema = z.object({
  type: z.literal("message_action"),
  callback_id: z.string().min(1),
  trigger_id: z.string().min(1).max(200),
  user: z.object({ id: slackId("UW") }),
  channel: z.object({ id: slackId("CGD") }),
  message_ts: slackTs,
  response_url: z.url().optional(),
  message: z.object({
    ts: slackTs,
    text: z.string().max(200_000).optional(),
    user: z.string().optional(),
    bot_id: z.string().optional(),
    thread_ts: z.string().optional(),
    attachments: z.array(z.unknown()).max(100).optional(),
    blocks: z.array(z.unknown()).max(100).optional(),
  }),
});
export type MessageShortcut = z.infer<typeof messageShortcutSchema>;
