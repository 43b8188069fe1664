// What this process has seen of each pager, for /healthz: the last success, the last failure
// and how many calls in a row failed. Never holds a key or a request body.
import type { PagerKind } from "../domain/paging/page.ts";

export interface PagerState {
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** The last failure was a refusal (4xx): retrying will not help; someone must fix the setup. */
  refused: boolean;
}

export class PagerHealth {
  readonly #states = new Map<PagerKind, PagerState>();

  #state(pager: PagerKind): PagerState {
    let state = this.#states.get(pager);
    if (!state) {
      state = {
        lastSuccessAt: null,
        lastFailureAt: null,
        lastError: null,
        consecutiveFailures: 0,
        refused: false,
      };
      this.#states.set(pager, state);
    }
    return state;
  }

  succeeded(pager: PagerKind, at: Date): void {
    const state = this.#state(pager);
    state.lastSuccessAt = at.toISOString();
    state.consecutiveFailures = 0;
    state.refused = false;
  }

  failed(pager: PagerKind, at: Date, error: string, refused: boolean): void {
    const state = this.#state(pager);
    state.lastFailureAt = at.toISOString();
    state.lastError = error;
    state.consecutiveFailures++;
    state.refused = refused;
  }

  get(pager: PagerKind): PagerState {
    return { ...this.#state(pager) };
  }
}
