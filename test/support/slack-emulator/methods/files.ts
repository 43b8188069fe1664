// Files (the v2 upload flow: getUploadURLExternal → POST bytes → completeUploadExternal)
// and canvases.
import { int, isRecord, json, str } from "../args.ts";
import { fail, violate } from "../errors.ts";
import { fileJson } from "../serialize.ts";
import type { Args, ChannelRecord, FileRecord } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import { type MethodTable, memberChannel, messageTarget, notArchived, visibleChannel } from "./access.ts";
import { messageContent } from "./message-content.ts";

/** Slack's per-file cap (1 GB). */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

function getUploadUrl(ws: Workspace, args: Args) {
  const filename = str(args, "filename") ?? "";
  if (filename === "") violate("invalid_arguments", "files.getUploadURLExternal needs a filename");
  const length = int(args, "length", -1);
  if (length < 1 || length > MAX_FILE_BYTES)
    violate("invalid_arguments", `length must be 1…${MAX_FILE_BYTES} bytes (got ${String(args.length)})`);
  const file: FileRecord = {
    id: ws.ids.next("F"),
    filename,
    title: filename,
    length,
    completed: false,
    channels: [],
    user: ws.identity.botUserId,
    created: ws.nowSeconds(),
  };
  ws.files.set(file.id, file);
  const token = `${file.id}-${ws.ids.hex(24)}`;
  ws.uploads.set(token, file.id);
  return { upload_url: `${ws.baseUrl}upload/v1/${token}`, file_id: file.id };
}

/** Bytes POSTed to an upload URL. Returns the file, or undefined for an unknown URL. */
export function acceptUpload(ws: Workspace, token: string, bytes: Buffer): FileRecord | undefined {
  const id = ws.uploads.get(token);
  const file = id === undefined ? undefined : ws.files.get(id);
  if (!file) return undefined;
  file.bytes = bytes;
  return file;
}

function completeUpload(ws: Workspace, args: Args) {
  const entries = json(args, "files", "invalid_arguments");
  if (!Array.isArray(entries) || entries.length === 0)
    violate("invalid_arguments", "`files` must be a non-empty JSON array");
  const files = entries.map((entry, i) => uploadedFile(ws, entry, i));
  const channel = shareTarget(ws, args);
  const threadTs = str(args, "thread_ts") || undefined;
  if (channel && threadTs !== undefined && !ws.findMessage(channel.id, threadTs)) {
    violate("thread_not_found", `thread_ts ${threadTs} is not a message in ${channel.id}`);
  }
  const initialComment = str(args, "initial_comment");
  // initial_comment wins over blocks, as documented; both follow message rules.
  const content = messageContent(
    initialComment !== undefined ? { text: initialComment } : { blocks: args.blocks },
    false,
  );
  files.forEach((file, i) => {
    const entry = entries[i] as Record<string, unknown>;
    if (typeof entry.title === "string" && entry.title !== "") file.title = entry.title;
    file.completed = true;
  });
  if (channel) {
    for (const file of files) file.channels.push(channel.id);
    ws.post(channel.id, {
      text: content.text ?? "",
      user: ws.identity.botUserId,
      botId: ws.identity.botId,
      threadTs,
      blocks: content.blocks,
      files,
      subtype: undefined,
    });
  }
  return { files: files.map((file) => ({ ...fileJson(ws, file), title: file.title })) };
}

function uploadedFile(ws: Workspace, entry: unknown, i: number): FileRecord {
  if (!isRecord(entry) || typeof entry.id !== "string")
    violate("invalid_arguments", `files[${i}] needs an id`);
  const file = ws.files.get(entry.id);
  if (!file) fail("file_not_found");
  if (file.completed)
    violate("file_not_found", `file ${file.id} was already completed (the method can only be called once)`);
  if (!file.bytes) violate("file_not_found", `file ${file.id} was never uploaded to its upload_url`);
  if (file.bytes.length !== file.length) {
    violate(
      "file_upload_size_mismatch",
      `file ${file.id}: announced ${file.length} bytes, uploaded ${file.bytes.length}`,
    );
  }
  return file;
}

function shareTarget(ws: Workspace, args: Args): ChannelRecord | undefined {
  const channelId = str(args, "channel_id") || str(args, "channels");
  if (!channelId) return undefined;
  if (channelId.includes(",")) violate("invalid_arguments", "share into one channel per call (channel_id)");
  const channel = messageTarget(ws, channelId);
  if (channel.isIm) return channel;
  visibleChannel(ws, channel.id);
  notArchived(channel);
  return memberChannel(ws, channel.id);
}

function canvasesCreate(ws: Workspace, args: Args) {
  const content = json(args, "document_content", "invalid_arguments");
  let markdown = "";
  if (content !== undefined) {
    if (!isRecord(content) || content.type !== "markdown" || typeof content.markdown !== "string") {
      violate("invalid_arguments", 'document_content must be {"type":"markdown","markdown":"…"}');
    }
    markdown = content.markdown;
  }
  const title = str(args, "title");
  const channelId = str(args, "channel_id");
  if (channelId) notArchived(memberChannel(ws, channelId));
  const canvas = {
    id: ws.ids.next("F"),
    ...(title !== undefined ? { title } : {}),
    markdown,
    ...(channelId ? { channelId } : {}),
    created: ws.nowSeconds(),
  };
  ws.canvases.push(canvas);
  return { canvas_id: canvas.id };
}

/**
 * `files.list`: files and canvases, newest first, optionally in one channel (`channel`), of
 * some types (`types`, comma-separated: `canvas`, or the file types; `all` by default) and from
 * `ts_from`. Canvases read as Slack lists them: `filetype: "quip"`, `pretty_type: "Canvas"`.
 */
function filesList(ws: Workspace, args: Args) {
  const channelId = str(args, "channel");
  if (channelId) visibleChannel(ws, channelId);
  const types = (str(args, "types") ?? "all").split(",").map((t) => t.trim());
  const all = types.includes("all");
  const from = Number(str(args, "ts_from") ?? args.ts_from ?? 0) || 0;
  const count = Math.min(Math.max(int(args, "count", 100), 1), 1000);
  const canvases = all || types.includes("canvas") ? ws.canvases : [];
  const listed = [
    ...canvases
      .filter((c) => !channelId || c.channelId === channelId)
      .map((c) => ({
        id: c.id,
        created: c.created,
        name: c.title ?? "Untitled",
        title: c.title ?? "Untitled",
        filetype: "quip",
        pretty_type: "Canvas",
        channels: c.channelId ? [c.channelId] : [],
      })),
    ...(all || types.some((t) => t !== "canvas")
      ? [...ws.files.values()]
          .filter((f) => f.completed && (!channelId || f.channels.includes(channelId)))
          .map((f) => ({ ...fileJson(ws, f), title: f.title }))
      : []),
  ]
    .filter((f) => f.created >= from)
    .sort((a, b) => b.created - a.created);
  return {
    files: listed.slice(0, count),
    paging: { count, total: listed.length, page: 1, pages: Math.max(1, Math.ceil(listed.length / count)) },
  };
}

function filesUploadRetired(): never {
  violate("method_deprecated", "files.upload was retired on 2025-11-12; use filesUploadV2");
}

export const fileMethods: MethodTable = {
  "files.getUploadURLExternal": getUploadUrl,
  "files.completeUploadExternal": completeUpload,
  "files.upload": filesUploadRetired,
  "canvases.create": canvasesCreate,
  "files.list": filesList,
};
