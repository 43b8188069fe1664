// Events API callbacks are acknowledged before the app handles them (as Slack requires), so a
// test waits for their outcome instead of for the HTTP answer.

/** Resolves with the first truthy value of `probe`, polling until `timeoutMs`; throws after. */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
