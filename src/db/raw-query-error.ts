// The shape Prisma gives an error of a raw query through a driver adapter: code P2010, with the
// adapter's classification under meta.driverAdapterError.cause. The statements sent straight to
// a connection (sqlite-direct.ts, pg-direct.ts) report their errors in it, so unique violations
// (client.ts) and transient failures (transient-errors.ts) are recognised whichever way a
// statement went.

/** `driverError` (code and message as the driver gave them) wrapped as Prisma wraps it. */
export function rawQueryError(
  driverError: unknown,
  originalCode: string,
  originalMessage: string,
  cause: { kind: string } & Record<string, unknown>,
): Error {
  return Object.assign(new Error(originalMessage, { cause: driverError }), {
    code: "P2010",
    meta: { driverAdapterError: { cause: { originalCode, originalMessage, ...cause } } },
  });
}
