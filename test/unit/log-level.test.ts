// The log level changes at run time (SIGUSR2 in src/main.ts) for the root logger and every
// child made from it, including children of children made before the change.
import { describe, expect, it } from "vitest";
import { createLogger, nextLogLevel, setLogLevel } from "../../src/log/logger.ts";

describe("runtime log level", () => {
  it("reaches every child logger, old and new", () => {
    const lines: string[] = [];
    const root = createLogger({
      level: "info",
      format: "json",
      destination: { write: (l) => lines.push(l) },
    });
    const outbox = root.child({ component: "outbox" });
    const nested = outbox.child({ lane: "x" });
    outbox.debug("hidden");
    setLogLevel(root, "debug");
    outbox.debug("shown");
    nested.debug("nested shown");
    root.child({ component: "later" }).debug("later shown");
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      "shown",
      "nested shown",
      "later shown",
    ]);
    setLogLevel(root, "warn");
    nested.info("hidden again");
    expect(lines).toHaveLength(3);
  });

  it("cycles from the configured level through debug and trace and back", () => {
    expect(nextLogLevel("info", "info")).toBe("debug");
    expect(nextLogLevel("info", "debug")).toBe("trace");
    expect(nextLogLevel("info", "trace")).toBe("info");
    expect(nextLogLevel("debug", "debug")).toBe("trace");
    expect(nextLogLevel("debug", "trace")).toBe("debug");
    expect(nextLogLevel("warn", "warn")).toBe("debug");
  });
});
