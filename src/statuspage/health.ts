// What this process has seen of Statuspage, for /healthz: the last success and failure, calls
// failed in a row, and whether the last failure was a refusal (4xx: someone must fix the key or
// the page id). Never holds the key or a request body.
export interface StatuspageState {
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  refused: boolean;
}

export class StatuspageHealth {
  #state: StatuspageState = {
    lastSuccessAt: null,
    lastFailureAt: null,
    lastError: null,
    consecutiveFailures: 0,
    refused: false,
  };

  succeeded(at: Date): void {
    this.#state = { ...this.#state, lastSuccessAt: at.toISOString(), consecutiveFailures: 0, refused: false };
  }

  failed(at: Date, error: string, refused: boolean): void {
    this.#state = {
      ...this.#state,
      lastFailureAt: at.toISOString(),
      lastError: error,
      consecutiveFailures: this.#state.consecutiveFailures + 1,
      refused,
    };
  }

  get(): StatuspageState {
    return { ...this.#state };
  }
}
