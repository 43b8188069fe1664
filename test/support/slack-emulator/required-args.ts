// Required arguments per Web API method, from Slack's 2026 method docs as summarised in
// test/fixtures/slack/methods_summary.json (minus `token`, which travels in a header).
import { readFileSync } from "node:fs";
import { z } from "zod";

const Summary = z.object({
  methods: z.array(z.object({ method: z.string(), docs_required_2026: z.array(z.string()) })),
});

const SUMMARY_URL = new URL("../../fixtures/slack/methods_summary.json", import.meta.url);

/** Methods the emulator serves that the summary does not list. */
const EXTRA: Record<string, string[]> = {
  "chat.delete": ["channel", "ts"],
  "chat.getPermalink": ["channel", "message_ts"],
  "conversations.join": ["channel"],
  "conversations.list": [],
  "conversations.open": [],
  "conversations.replies": ["channel", "ts"],
  "files.list": [],
  "pins.remove": ["channel"],
  "reactions.remove": ["name"],
};

function load(): Map<string, string[]> {
  const summary = Summary.parse(JSON.parse(readFileSync(SUMMARY_URL, "utf8")));
  const required = new Map(Object.entries(EXTRA));
  for (const { method, docs_required_2026 } of summary.methods) {
    required.set(
      method,
      docs_required_2026.filter((arg) => arg !== "token"),
    );
  }
  return required;
}

export const REQUIRED_ARGS: ReadonlyMap<string, readonly string[]> = load();
