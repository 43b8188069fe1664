// /status.atom: one entry per public update (and one when an incident is published), newest
// first. `feed` puts titles and content in CDATA marked type="html", so everything typed is
// HTML-escaped first: a feed reader shows it as text, and "]]>" cannot end the CDATA.
import { Feed } from "feed";
import type { StatusPageModel } from "../../domain/status-page/page-model.ts";
import { escapedHtml, STATUS_HEADING } from "./render-html.ts";

export function renderStatusAtom(page: StatusPageModel, baseUrl: string): string {
  const pageUrl = `${baseUrl}/status`;
  const entries = page.incidents.flatMap((incident) => {
    const link = `${pageUrl}#incident-${incident.number}`;
    const title = escapedHtml(incident.title);
    return [
      ...incident.updates.map((update) => ({
        id: `${pageUrl}#update-${update.id}`,
        link,
        title,
        date: new Date(update.at),
        content: `<p>${escapedHtml(update.text)}</p>`,
      })),
      {
        id: `${pageUrl}#incident-${incident.number}-published`,
        link,
        title,
        date: new Date(incident.publishedAt),
        content: `<p>${escapedHtml(incident.open ? "We are investigating this incident." : "This incident was published after it was resolved.")}</p>`,
      },
    ];
  });
  entries.sort((a, b) => b.date.getTime() - a.date.getTime());
  const feed = new Feed({
    id: pageUrl,
    title: STATUS_HEADING,
    link: pageUrl,
    feedLinks: { atom: `${baseUrl}/status.atom` },
    updated: entries[0]?.date ?? new Date(page.generatedAt),
    generator: false,
  });
  for (const entry of entries) feed.addItem(entry);
  return feed.atom1();
}
