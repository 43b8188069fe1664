// Text that arrives from Slack (slash command text, a pinned message) carries Slack's markup:
// `<@U123|alex>`, `<!channel>`, `<#C1|ops>`, `<https://x|label>`, and &amp; &lt; &gt;.
// The timeline keeps what the person *meant*, as plain words: "@alex", "@channel", "#ops",
// "label (https://x)". Stored that way, the text can be echoed anywhere (channel posts, the
// announcement thread, the timeline view, the postmortem) through the usual escaping, and a
// mention typed by someone never notifies anyone when the bot repeats it.

/** User IDs of `<@U…>` mentions that carry no label (Slack sends those in message text). */
export function unlabelledUserMentions(text: string): string[] {
  return [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)>/g)].map((m) => m[1] as string))];
}

const SPECIAL_MENTIONS: Record<string, string> = {
  channel: "@channel",
  here: "@here",
  everyone: "@everyone",
};

function plainOf(inner: string, nameOf: (userId: string) => string | undefined): string {
  const bar = inner.indexOf("|");
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? "" : inner.slice(bar + 1);
  if (/^@[UW][A-Z0-9]+$/.test(target)) {
    const id = target.slice(1);
    return `@${(label || nameOf(id) || id).replace(/^@/, "")}`;
  }
  if (/^#[CG][A-Z0-9]+$/.test(target)) return `#${(label || target.slice(1)).replace(/^#/, "")}`;
  if (target.startsWith("!subteam^")) return `@${(label || "group").replace(/^@/, "")}`;
  if (target.startsWith("!")) {
    const special = SPECIAL_MENTIONS[target.slice(1)];
    if (special) return special;
    // <!date^…|fallback> and anything newer: the fallback label is what people read.
    return label || target.slice(1);
  }
  const url = target.replace(/^mailto:/, "");
  return label && label !== url ? `${label} (${url})` : url;
}

/**
 * Slack-formatted text as plain words. `nameOf` names users of label-less mentions (the
 * caller looks them up beforehand); unknown ones keep their ID.
 */
export function plainFromSlack(
  text: string,
  nameOf: (userId: string) => string | undefined = () => undefined,
): string {
  return text
    .replace(/<([^<>\n]*)>/g, (_whole, inner: string) => plainOf(inner, nameOf))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * Names the `@U…` tokens plainFromSlack left for people it could not name in time (see
 * services/timeline/late-names.ts): only whole tokens of these IDs, nothing else in the text.
 */
export function nameUserIdTokens(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(/@([UW][A-Z0-9]+)(?![A-Za-z0-9])/g, (whole, id: string) => {
    const name = names.get(id);
    return name ? `@${name.replace(/^@/, "")}` : whole;
  });
}
