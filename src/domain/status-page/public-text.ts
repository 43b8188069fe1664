// Text typed in Slack, as the public may read it. Mentions of people and user groups become
// "someone" / "a team" (no names, no IDs leave on the status page) — whether still Slack
// markup (`<@U123>`) or already stored as words ("@alex", how titles and updates are kept once
// humanized), so any "@name" standing alone is taken for a mention. Channel references, links
// and Slack's &amp; &lt; &gt; become plain words. Anything else, `<script>` included, stays
// literal text for the renderer to escape.
const USER_MENTION = /<@[UW][A-Z0-9]+(?:\|[^<>\n]*)?>/g;
const GROUP_MENTION = /<!subteam\^[A-Z0-9]+(?:\|[^<>\n]*)?>/g;
const SPECIAL = /<!(here|channel|everyone)(?:\|[^<>\n]*)?>/g;
const CHANNEL = /<#[CG][A-Z0-9]+(?:\|([^<>\n]*))?>/g;
const LINK = /<((?:https?:\/\/|mailto:)[^<>|\n]*)(?:\|([^<>\n]*))?>/g;
/** "@alex" as a word of its own (not the @ of an e-mail address). */
const WORD_MENTION = /(^|[^\w@.+-])@([A-Za-z0-9][\w.-]*)/g;
const EVERYONE = new Set(["here", "channel", "everyone"]);

export function publicText(text: string): string {
  return text
    .replace(USER_MENTION, "someone")
    .replace(GROUP_MENTION, "a team")
    .replace(SPECIAL, "everyone")
    .replace(CHANNEL, (_whole, name: string | undefined) =>
      name ? `#${name.replace(/^#/, "")}` : "a channel",
    )
    .replace(LINK, (_whole, url: string, label: string | undefined) => {
      const target = url.replace(/^mailto:/, "");
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(
      WORD_MENTION,
      (_whole, before: string, name: string) =>
        `${before}${EVERYONE.has(name.replace(/[.-]+$/, "").toLowerCase()) ? "everyone" : "someone"}`,
    );
}
