// The v2 file upload flow through @slack/web-api's own filesUploadV2, and canvases.
import { describe, expect, it } from "vitest";
import { harness, rawCall, slackError } from "./harness.ts";

describe("filesUploadV2 against the emulator", () => {
  it("uploads bytes and shares them into the channel with the initial comment, in a thread", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const parent = await client.chat.postMessage({ channel: channel.id, text: "timeline" });
    const content = "12:00 declared\n12:05 mitigated\n✓ résumé";
    const result = await client.filesUploadV2({
      channel_id: channel.id,
      thread_ts: parent.ts ?? "",
      content,
      filename: "timeline.md",
      title: "Timeline",
      initial_comment: "Here is the timeline",
    });
    expect(result.ok).toBe(true);
    const [file] = emulator.files();
    expect(file).toMatchObject({
      filename: "timeline.md",
      title: "Timeline",
      completed: true,
      channels: [channel.id],
    });
    expect(file?.bytes?.toString("utf8")).toBe(content);
    expect(file?.length).toBe(Buffer.byteLength(content));
    const shared = emulator.messages(channel.id).at(-1);
    expect(shared).toMatchObject({
      text: "Here is the timeline",
      threadTs: parent.ts,
      user: emulator.botUserId,
    });
    expect(shared?.files?.[0]?.id).toBe(file?.id);
    expect(emulator.callsTo("files.getUploadURLExternal")[0]?.args).toMatchObject({
      filename: "timeline.md",
    });
    expect(emulator.callsTo("files.completeUploadExternal")[0]?.args.files).toEqual([
      { id: file?.id, title: "Timeline" },
    ]);
    expect(emulator.violations).toEqual([]);
  });

  it("uploads binary Buffers byte for byte", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256));
    await client.filesUploadV2({ channel_id: channel.id, file: bytes, filename: "dump.bin" });
    expect(emulator.files()[0]?.bytes?.equals(bytes)).toBe(true);
  });

  it("refuses to complete an upload that never happened or has the wrong length", async () => {
    const { emulator, client } = await harness();
    const { upload_url, file_id } = await client.files.getUploadURLExternal({ filename: "a.txt", length: 5 });
    expect(upload_url).toMatch(new RegExp(`^${emulator.url}upload/v1/`));
    const complete = () => client.files.completeUploadExternal({ files: [{ id: file_id ?? "" }] });
    expect(await slackError(complete())).toBe("file_not_found");
    const response = await fetch(upload_url ?? "", { method: "POST", body: "too long" });
    expect(await response.text()).toBe("OK - 8");
    expect(await slackError(complete())).toBe("file_upload_size_mismatch");
    expect(emulator.violations.map((v) => v.method)).toEqual([
      "files.completeUploadExternal",
      "files.completeUploadExternal",
    ]);
    expect(emulator.files()[0]?.completed).toBe(false);
  });

  it("treats the retired files.upload as a violation", async () => {
    const { emulator } = await harness();
    const { json } = await rawCall(emulator, "files.upload", `token=${emulator.botToken}&content=hi`);
    expect(json).toMatchObject({ ok: false, error: "method_deprecated" });
    expect(emulator.violations).toHaveLength(1);
  });
});

describe("canvases.create", () => {
  it("creates a markdown canvas, optionally in a channel", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const result = await client.canvases.create({
      title: "Postmortem",
      channel_id: channel.id,
      document_content: { type: "markdown", markdown: "# What happened" },
    });
    expect(result.canvas_id).toMatch(/^F[0-9A-Z]{10}$/);
    expect(emulator.canvases()).toEqual([
      expect.objectContaining({
        id: result.canvas_id,
        title: "Postmortem",
        markdown: "# What happened",
        channelId: channel.id,
      }),
    ]);
  });

  it("rejects document_content that is not markdown", async () => {
    const { emulator, client } = await harness();
    const call = client.apiCall("canvases.create", { document_content: { type: "html", html: "<p>" } });
    expect(await slackError(call)).toBe("invalid_arguments");
    expect(emulator.canvases()).toEqual([]);
  });
});
