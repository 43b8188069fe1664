// The postmortem draft shown on an incident page, one per incident, shared by every reader (each
// reads it in their own zone, rendered from the same document). Building it reads the whole
// timeline (about 0.15 s of CPU at 20,000 entries), and an open incident's page reloads every
// 30 s in every reader's browser. During a large outage hundreds of responders keep that page
// open while something is recorded every few seconds: a draft rebuilt at every change, per
// zone, was rebuilt at nearly every view, and a hundred readers would have taken the bot's
// whole CPU. So an open incident's draft is rebuilt at most once a minute, whatever changed
// (the draft says when it was generated); a resolved or closed incident's as soon as anything
// is recorded in it (rare by then), and otherwise after a minute as well (its generation time).
import type { Clock } from "../../clock/clock.ts";

/** How long a draft is kept before it is built again. */
export const DRAFT_REUSE_MS = 60_000;
/** Drafts kept at once (one per incident being read). */
const KEPT = 32;

export interface DraftVersion {
  /** What the draft is built from (the incident's state, its timeline's size). */
  version: string;
  /** True while the incident is open: a changed version does not rebuild within the minute. */
  open: boolean;
}

export class RecentDrafts<Draft> {
  readonly #clock: Clock;
  readonly #kept = new Map<string, { at: number; version: string; draft: Promise<Draft> }>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The draft kept under `key` if it may still be shown, else `build()`'s (kept unless it fails). */
  get(key: string, { version, open }: DraftVersion, build: () => Promise<Draft>): Promise<Draft> {
    const now = this.#clock.now().getTime();
    const kept = this.#kept.get(key);
    const recent = kept !== undefined && now >= kept.at && now - kept.at < DRAFT_REUSE_MS;
    if (kept && recent && (open || kept.version === version)) return kept.draft;
    const entry = { at: now, version, draft: build() };
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
