// The Markdown postmortem draft an end-to-end test asks for: `/incident postmortem` typed by
// `user` in `channel`, then the .md file the bot uploaded for it, read once the outbox is done
// (the file is listed as soon as its upload starts; its bytes are there once delivered).
import { expect } from "vitest";
import type { TestBot } from "./bot-harness.ts";
import { eventually } from "./eventually.ts";

/** The draft's Markdown ("" when the upload carried no bytes). */
export async function typedPostmortemDraft(t: TestBot, user: string, channel: string): Promise<string> {
  const before = t.emulator.files().length;
  const newDraft = () =>
    t.emulator
      .files()
      .slice(before)
      .find((f) => f.filename.endsWith(".md"));
  await t.driver.command("postmortem", { user, channel });
  await eventually(() => expect(newDraft()).toBeDefined());
  await t.settle();
  return newDraft()?.bytes?.toString("utf8") ?? "";
}
