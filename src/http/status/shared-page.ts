// One read of the public status page serves every viewer for a while. During a large outage
// thousands of customers keep the page open and it reloads itself every minute, so views
// arrive by the tens per second; each one read and rendered on the event loop Slack's
// acknowledgements need would let the page's audience slow the incident response down. Here
// the database is read at most once per STATUS_PAGE_CACHE whatever the traffic: views in that
// time get the same page, views arriving while a read is under way wait for that read, and
// each kind of page (HTML, JSON, feed) is rendered once per read. A failed read is not kept.
import type { StatusPageModel } from "../../domain/status-page/page-model.ts";

export interface PageSnapshot {
  model: StatusPageModel;
  /** The body rendered under `key` from this snapshot's model, rendered once and kept. */
  body(key: string, render: (model: StatusPageModel) => string): string;
}

export interface SharedPageOptions {
  /** Reads the database and builds the page model (one read). */
  load(): Promise<StatusPageModel>;
  /** How long a read serves views (ms); null: every view reads (views during a read share it). */
  maxAgeMs: number | null;
  /** Milliseconds on a clock that only moves forward (default: performance.now). */
  elapsedMs?: () => number;
  /** Told of each read started (metrics). */
  onRead?: () => void;
}

/** Bodies kept per snapshot; beyond this (many Host headers for the feed) they are rendered per view. */
const MAX_BODIES = 16;

export interface SharedPage {
  current(): Promise<PageSnapshot>;
}

function snapshotOf(model: StatusPageModel): PageSnapshot {
  const bodies = new Map<string, string>();
  return {
    model,
    body(key, render) {
      const kept = bodies.get(key);
      if (kept !== undefined) return kept;
      const body = render(model);
      if (bodies.size < MAX_BODIES) bodies.set(key, body);
      return body;
    },
  };
}

export function sharedPage(options: SharedPageOptions): SharedPage {
  const elapsed = options.elapsedMs ?? (() => performance.now());
  let kept: { snapshot: PageSnapshot; readAt: number } | null = null;
  let reading: Promise<PageSnapshot> | null = null;

  return {
    current() {
      if (kept && options.maxAgeMs !== null && elapsed() - kept.readAt < options.maxAgeMs) {
        return Promise.resolve(kept.snapshot);
      }
      if (reading) return reading;
      // Its age counts from when the read started: what it shows may be that old.
      const readAt = elapsed();
      options.onRead?.();
      reading = options.load().then((model) => {
        const snapshot = snapshotOf(model);
        kept = { snapshot, readAt };
        return snapshot;
      });
      const done = () => {
        reading = null;
      };
      reading.then(done, done);
      return reading;
    },
  };
}
