// CPU per update in the benchmarks (bench/process-cpu.ts) reads a process's CPU time from
// Linux's /proc; bench:compare reports it beside updates per second (bench/compare-report.ts).
import { describe, expect, it } from "vitest";
import { figuresOf } from "../../../bench/compare-report.ts";
import type { ProviderComparison } from "../../../bench/compare-run.ts";
import { cpuSecondsOf, postgresCpuSeconds } from "../../../bench/process-cpu.ts";

describe.runIf(process.platform === "linux")("a process's CPU time from /proc", () => {
  it("grows while this process computes", () => {
    const before = cpuSecondsOf(process.pid);
    expect(before).not.toBeNull();
    // Busy until the kernel has counted at least one more tick (10 ms) of CPU for this process.
    let after = before;
    let spin = 0;
    while (after === before) {
      for (let i = 0; i < 1e6; i++) spin += Math.sqrt(i);
      after = cpuSecondsOf(process.pid);
    }
    expect(spin).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before ?? Number.POSITIVE_INFINITY);
  });

  it("is null for a process that is not there, or no process at all", () => {
    expect(cpuSecondsOf(2 ** 30)).toBeNull();
    expect(cpuSecondsOf(undefined)).toBeNull();
  });

  it("adds up the database server's processes (none running counts zero, never null)", () => {
    expect(postgresCpuSeconds()).toBeGreaterThanOrEqual(0);
  });
});

describe("bench:compare's CPU per update", () => {
  const comparison = (cpuMsPerRequest: ProviderComparison["throughput"]["cpuMsPerRequest"]) =>
    ({
      provider: "postgresql",
      latency: [],
      throughput: {
        concurrency: 16,
        bare: 1400,
        base: 700,
        head: 720,
        unacknowledged: { base: 0, head: 0 },
        cpuMsPerRequest,
      },
    }) satisfies ProviderComparison;

  it("is a figure, head ÷ base, no slower within 1.25×", () => {
    const cheaper = figuresOf(comparison({ bare: 0.45, base: 1.2, head: 1.08 }));
    expect(cheaper.find((f) => f.figure === "c=16 CPU ms per update")).toMatchObject({
      bare: 0.45,
      base: 1.2,
      head: 1.08,
      ratio: 0.9,
      pass: true,
    });
    const costlier = figuresOf(comparison({ bare: 0.45, base: 1, head: 1.3 }));
    expect(costlier.find((f) => f.figure === "c=16 CPU ms per update")).toMatchObject({
      ratio: 1.3,
      pass: false,
    });
  });

  it("is left out where it could not be measured", () => {
    const figures = figuresOf(comparison(null));
    expect(figures.map((f) => f.figure)).toEqual(["c=16 updates/s"]);
  });
});
