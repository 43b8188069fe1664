// How a timeline entry reads, as parts each surface renders its own way (Slack mrkdwn,
// Markdown, plain text): typed text stays marked as typed so it is always escaped.
export type Part = string | { user: string } | { typed: string } | { code: string } | { strong: string };
export type Phrase = Part[];
