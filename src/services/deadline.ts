// A Slack read that an acknowledgement waits for must not hold it past Slack's 3-second
// deadline: the caller gets what arrived in time and falls back for the rest. The read itself
// carries on (its answer lands in the directory's cache for next time).

/** How long a command's reply waits for Slack to name someone or give a time zone. */
export const SLACK_READ_DEADLINE_MS = 800;

/** `work`'s value if it settles within `ms`, else `undefined` (a failure also reads as undefined). */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
    timer.unref();
  });
  try {
    return await Promise.race([work.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
