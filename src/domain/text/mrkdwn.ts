// Text a person typed is data, never markup: before it goes back into Slack it is escaped, so
// a pasted `<!channel>`, `<!here>`, `<!subteam^…>` or `<@U…>` never notifies anyone.
// Mentions the bot means to make are built here too, from IDs it validated.

/** Escapes the three characters Slack's mrkdwn gives meaning to (&, <, >). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Plain-text fields (headers, buttons, modal titles) are not parsed for mentions, but Slack
 * still turns `<!channel>` into a mention in some clients: strip the angle brackets there too. */
export function escapePlainText(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === "<" ? "‹" : "›"));
}

export const mentionUser = (userId: string) => `<@${assertId(userId, /^[UW][A-Z0-9]+$/)}>`;
export const mentionChannel = (channelId: string) => `<#${assertId(channelId, /^[CGD][A-Z0-9]+$/)}>`;
export const mentionGroup = (groupId: string) => `<!subteam^${assertId(groupId, /^S[A-Z0-9]+$/)}>`;

function assertId(id: string, pattern: RegExp): string {
  if (!pattern.test(id)) throw new Error(`not a Slack ID: ${JSON.stringify(id)}`);
  return id;
}

/** A link whose label is user text: the label is escaped and cannot break out of the link. */
export function link(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, "¦")}>`;
}
