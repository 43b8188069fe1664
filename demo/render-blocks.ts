// Block Kit messages as terminal text, for the demo's transcript: headers, sections, fields,
// context and buttons, with Slack's mention and link markup made readable.

type Block = Record<string, unknown>;

function textOf(value: unknown): string {
  if (!value || typeof value !== "object") return "";
  const text = (value as { text?: unknown }).text;
  return typeof text === "string" ? text : "";
}

/** Slack markup → plain text: <@U1> → @name, <#C1> → #channel, <url|label> → label, entities. */
export function readableMrkdwn(text: string, names: (id: string) => string): string {
  return (
    text
      .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => `@${names(id)}`)
      .replace(
        /<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g,
        (_, id: string, label?: string) => `#${label || names(id)}`,
      )
      .replace(
        /<!subteam\^(S[A-Z0-9]+)(?:\|([^>]*))?>/g,
        (_, id: string, label?: string) => label || `@${names(id)}`,
      )
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, "$2")
      .replace(/<(https?:[^>]+)>/g, "$1")
      .replace(/<!(here|channel|everyone)>/g, "@$1")
      .replace(/:([a-z0-9_+-]+):/g, (match, name: string) => EMOJI[name] ?? match)
      // *bold* and _italic_ as Slack reads them: around words, not inside them.
      .replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, "$1$2")
      .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,:;!?])/g, "$1$2")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
  );
}

const EMOJI: Record<string, string> = {
  red_circle: "🔴",
  large_orange_circle: "🟠",
  large_yellow_circle: "🟡",
  white_circle: "⚪",
  large_blue_circle: "🔵",
  large_green_circle: "🟢",
  rotating_light: "🚨",
  white_check_mark: "✅",
  warning: "⚠️",
  mag: "🔍",
  dart: "🎯",
  eyes: "👀",
  lock: "🔒",
  pushpin: "📌",
  memo: "📝",
  handshake: "🤝",
  alarm_clock: "⏰",
  mega: "📣",
  page_facing_up: "📄",
  wave: "👋",
  arrows_counterclockwise: "🔄",
  hourglass: "⌛",
  zzz: "💤",
  x: "❌",
  bell: "🔔",
  information_source: "ℹ️",
  twisted_rightwards_arrows: "🔀",
  traffic_light: "🚥",
  round_pushpin: "📍",
  leftwards_arrow_with_hook: "↩️",
  heavy_minus_sign: "➖",
  fast_forward: "⏩",
  bust_in_silhouette: "👤",
};

export function renderBlocks(
  blocks: unknown[] | undefined,
  fallback: string,
  names: (id: string) => string,
): string[] {
  const read = (text: string) => readableMrkdwn(text, names);
  if (!blocks?.length) return read(fallback).split("\n");
  const lines: string[] = [];
  for (const block of blocks as Block[]) {
    switch (block.type) {
      case "header":
        lines.push(`== ${read(textOf(block.text))} ==`);
        break;
      case "section": {
        if (block.text) lines.push(...read(textOf(block.text)).split("\n"));
        const fields = (block.fields as unknown[] | undefined) ?? [];
        if (fields.length) lines.push(fields.map((f) => read(textOf(f)).replace(/\n/g, ": ")).join("  |  "));
        break;
      }
      case "context":
        lines.push(`  (${((block.elements as unknown[]) ?? []).map((e) => read(textOf(e))).join(" ")})`);
        break;
      case "actions":
        lines.push(
          `  [${((block.elements as unknown[]) ?? []).map((e) => read(textOf((e as Block).text))).join("] [")}]`,
        );
        break;
      case "divider":
        lines.push("  ---");
        break;
      default:
        break;
    }
  }
  return lines;
}
