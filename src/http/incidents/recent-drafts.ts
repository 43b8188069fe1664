// The postmortem draft shown on an incident page, kept for a minute. Building it reads the whole
// timeline (about 1.5 s for 20,000 entries), and an open incident's page reloads every 30 s in
// every reader's browser. The key names what the draft is built from (the incident's state, how
// many entries its timeline has, the reader's zone), so any change builds a new one at once; only
// the draft's "generated" time may be up to a minute old while nothing changed.
import type { Clock } from "../../clock/clock.ts";

/** How long an unchanged incident's draft is reused. */
export const DRAFT_REUSE_MS = 60_000;
/** Drafts kept at once (one per incident and zone being read). */
const KEPT = 32;

export class RecentDrafts<Draft> {
  readonly #clock: Clock;
  readonly #kept = new Map<string, { at: number; draft: Promise<Draft> }>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The draft kept under `key` if it is recent, else `build()`'s (kept unless it fails). */
  get(key: string, build: () => Promise<Draft>): Promise<Draft> {
    const now = this.#clock.now().getTime();
    const kept = this.#kept.get(key);
    if (kept && now >= kept.at && now - kept.at < DRAFT_REUSE_MS) return kept.draft;
    const entry = { at: now, draft: build() };
    this.#kept.delete(key);
    this.#kept.set(key, entry);
    entry.draft.catch(() => {
      if (this.#kept.get(key) === entry) this.#kept.delete(key);
    });
    for (const oldest of this.#kept.keys()) {
      if (this.#kept.size <= KEPT) break;
      this.#kept.delete(oldest);
    }
    return entry.draft;
  }
}
