// The statements of one PostgreSQL transaction written without waiting for their answers (the
// pool is pipelined: src/db/pg-pool.ts). PostgreSQL answers them in order; once one fails the
// transaction is aborted, every later statement fails with "current transaction is aborted"
// (25P02), and COMMIT answers ROLLBACK without an error. So the first failure is kept, and
// whoever next waits for an answer in the transaction (a read, the commit) reports it instead
// of what followed: the cause, in the shape the caller recognises (a duplicate key, a lost
// lock race), and never a commit that looked fine while it rolled back.

/** One unawaited statement: its answer followed, and its failure once it has failed. */
interface Sent {
  answered: Promise<void>;
  failed?: { error: unknown };
}

/** Answers still due for one transaction's unawaited statements, and the first that failed. */
export class InFlight {
  /** Every statement added, in the order written. */
  readonly #sent: Sent[] = [];

  /** Follows `answer` (never left unhandled): its failure, if first, is the transaction's. */
  add(answer: Promise<unknown>): void {
    const sent: Sent = { answered: Promise.resolve() };
    sent.answered = answer.then(
      () => {},
      (error: unknown) => {
        sent.failed = { error };
      },
    );
    this.#sent.push(sent);
  }

  /**
   * The failure of the first statement written that failed, among those answered so far: the
   * cause once every answer is in (after settle or cause). Answers of one connection arrive in
   * order, but their failures may reach here in another, through handlers of different lengths.
   */
  #failure(): { error: unknown } | undefined {
    return this.#sent.find((sent) => sent.failed)?.failed;
  }

  /** Waits for every answer still due; throws the first failure among them (or an earlier one). */
  async settle(): Promise<void> {
    await this.#answered();
    const failure = this.#failure();
    if (failure) throw failure.error;
  }

  /**
   * `error` (from a statement that was awaited), or the earlier failure that aborted the
   * transaction and so caused it, once the answers before it are in.
   */
  async cause(error: unknown): Promise<unknown> {
    await this.#answered();
    const failure = this.#failure();
    return failure ? failure.error : error;
  }

  async #answered(): Promise<void> {
    await Promise.all(this.#sent.map((sent) => sent.answered));
  }
}
