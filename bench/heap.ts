// Heap growth while some work runs: the high-water mark sampled every few milliseconds (for
// asynchronous work) and once more at the end (synchronous work never lets the sampler run).
import { readFileSync } from "node:fs";

export async function withPeakHeap<T>(work: () => T | Promise<T>): Promise<{ value: T; peakMb: number }> {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, peakMb: (peak - base) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

/** Peak resident memory of a (child) process in MB, from /proc; NaN where there is no /proc. */
export function peakRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}
