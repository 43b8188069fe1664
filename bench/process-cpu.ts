// CPU time a process has used so far, from Linux's /proc: what the benchmarks divide by the
// requests a process answered (CPU per update), which tells CPU spent from time waited.
// Elsewhere (no /proc) nothing is measured, and the figures say so.
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Linux's USER_HZ, which /proc/<pid>/stat counts in on every architecture node runs on. */
const CLOCK_TICKS = 100;

/** CPU seconds (user and system) `pid` has used; null when it cannot be read (not Linux, process gone). */
export function cpuSecondsOf(pid: number | string | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    return Number.isFinite(seconds) ? seconds : null;
  } catch {
    return null;
  }
}

/** CPU seconds used so far by every PostgreSQL server process on this machine; null without /proc. */
export function postgresCpuSeconds(): number | null {
  if (!existsSync("/proc/self/stat")) return null;
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres")
        total += cpuSecondsOf(entry) ?? 0;
    } catch {
      // The process ended while the list was read.
    }
  }
  return total;
}
