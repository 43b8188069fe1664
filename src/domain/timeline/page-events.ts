// Events of pages sent outside Slack (part of IncidentEvent; see events.ts). One event per
// step of a page's life, so the timeline reads "paged", "acknowledged by", "resolved", "failed".
import type { PagerKind, PageSource, PageTargetKind } from "../paging/page.ts";

interface PageRef {
  /** Set by the handler when the page row is created. */
  pageId: number | null;
  dedupKey: string;
  targetKind: PageTargetKind;
  targetId: string;
}

export type PageEvent =
  | (PageRef & {
      kind: "page_sent";
      email: string | null;
      reason: string;
      source: PageSource;
      handoffId: number | null;
      /** The pagers it goes to. */
      pagers: PagerKind[];
    })
  | (PageRef & { kind: "page_acknowledged"; byUserId: string | null; afterMs: number })
  | (PageRef & { kind: "page_resolved"; byUserId: string | null; why: string })
  | (PageRef & {
      kind: "page_failed";
      pager: PagerKind;
      error: string;
      /** Every pager it went to refused it: nobody was woken. */
      allRefused?: boolean;
    });
