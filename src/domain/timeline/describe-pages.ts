// How page entries read in the timeline, the channel and the postmortem.
import { PAGER_NAMES, type PagerKind } from "../paging/page.ts";
import { formatDuration } from "../time/duration.ts";
import type { PageEvent } from "./page-events.ts";
import type { Phrase } from "./phrase.ts";

type Data = Record<string, unknown>;
const str = (data: Data, key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
const num = (data: Data, key: string) => (typeof data[key] === "number" ? (data[key] as number) : 0);

/** The paged team or person. */
export function pageTarget(data: Data): Phrase {
  return str(data, "targetKind") === "team"
    ? ["team ", { code: str(data, "targetId") }]
    : [{ user: str(data, "targetId") }];
}

const by = (data: Data): Phrase =>
  typeof data.byUserId === "string" ? [" by ", { user: data.byUserId }] : [];

const pagerName = (pager: string) => PAGER_NAMES[pager as PagerKind] ?? pager;

export const pageDescribers: Record<PageEvent["kind"], (data: Data) => Phrase> = {
  page_sent: (d) => {
    const pagers = Array.isArray(d.pagers) ? (d.pagers as string[]).map(pagerName).join(", ") : "";
    return [
      "Paged ",
      ...pageTarget(d),
      pagers ? ` through ${pagers}` : "",
      ...(str(d, "reason") ? [": ", { typed: str(d, "reason") }] : []),
    ];
  },
  page_acknowledged: (d) => [
    "Page to ",
    ...pageTarget(d),
    " acknowledged",
    ...by(d),
    ` after ${formatDuration(num(d, "afterMs"))}`,
  ],
  page_resolved: (d) => [
    "Page to ",
    ...pageTarget(d),
    " resolved",
    ...by(d),
    str(d, "why") ? ` (${str(d, "why")})` : "",
  ],
  page_failed: (d) => [
    "Page to ",
    ...pageTarget(d),
    ` failed at ${pagerName(str(d, "pager"))}: `,
    { typed: str(d, "error") },
  ],
};
