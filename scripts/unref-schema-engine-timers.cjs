// Preloaded into Prisma CLI runs by scripts/prisma-tools.ts.
// Why: on PostgreSQL, Prisma 6.19's WASM schema engine leaves a 10-second timer armed after
// `migrate deploy` / `db pull` have finished, so every run sits idle for 10 s before exiting.
// Timers armed from inside the WASM engine are unref'd: they still fire if the process is
// busy, but no longer keep a finished process alive.
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutUnrefEngine(callback, ms, ...args) {
  const timer = originalSetTimeout(callback, ms, ...args);
  if (ms >= 5000 && /wasm:\/\//.test(new Error().stack || "")) timer.unref();
  return timer;
};
