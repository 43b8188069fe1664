// Reading Prometheus' text exposition (what GET /metrics serves) in tests and the benchmark.

/** Samples of one metric name: labels (as a sorted "k=v,k=v" key) → value. */
export function metricSamples(body: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of body.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels = [...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)]
      .map(([, k, v]) => `${k}=${v}`)
      .sort()
      .join(",");
    found.set(labels, Number(match[3]));
  }
  return found;
}

/** The value of one series (`labels` as metricSamples keys them), or undefined when absent. */
export function metricValue(body: string, name: string, labels = ""): number | undefined {
  return metricSamples(body, name).get(labels);
}
