// The content of a message (text, blocks, metadata) as sent to chat.*, response_url and
// files.completeUploadExternal, validated against Slack's rules before any state changes.
import { isRecord, json, str } from "../args.ts";
import { checkMessage } from "../block-kit-rules.ts";
import { violate, violateAll } from "../errors.ts";
import type { Args, MessageMetadata } from "../types.ts";

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
}

/** Reads and checks text/blocks/attachments/metadata; `requireContent` adds Slack's no_text rule. */
export function messageContent(args: Args, requireContent: boolean): MessageContent {
  const content: MessageContent = {};
  const text = str(args, "text") ?? str(args, "markdown_text");
  if (text !== undefined) content.text = text;
  const blocks = json(args, "blocks", "invalid_blocks_format");
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) violate("invalid_blocks_format", "`blocks` must be a JSON array");
    content.blocks = blocks;
  }
  const attachments = json(args, "attachments", "invalid_attachments");
  if (attachments !== undefined) {
    if (!Array.isArray(attachments)) violate("invalid_attachments", "`attachments` must be a JSON array");
    content.attachments = attachments;
  }
  const metadata = json(args, "metadata", "invalid_metadata_format");
  if (metadata !== undefined) content.metadata = checkMetadata(metadata);
  if (requireContent && !content.text && !content.blocks?.length && !content.attachments?.length) {
    violate("no_text", "a message needs text, blocks or attachments");
  }
  violateAll(checkMessage({ text: content.text, blocks: content.blocks }));
  return content;
}

function checkMetadata(metadata: unknown): MessageMetadata {
  if (!isRecord(metadata) || typeof metadata.event_type !== "string" || metadata.event_type === "") {
    violate("invalid_metadata_format", "metadata needs a non-empty event_type");
  }
  if (metadata.event_payload !== undefined && !isRecord(metadata.event_payload)) {
    violate("invalid_metadata_format", "metadata.event_payload must be an object");
  }
  if (JSON.stringify(metadata).length > 8000) violate("metadata_too_large", "metadata is over 8 KB");
  return { event_type: metadata.event_type, event_payload: metadata.event_payload ?? {} };
}
