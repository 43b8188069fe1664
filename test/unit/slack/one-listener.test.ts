import { describe, expect, it } from "vitest";
import { ACTIONS, CONTROL_ACTIONS, CONTROL_VIEWS, SHORTCUTS, VIEWS } from "../../../src/slack/ids.ts";
import { exactlyOneOf, handlerFor } from "../../../src/slack/listeners/one-listener.ts";

describe("one listener per kind of payload", () => {
  it("matches each id of the table whole, and nothing else", () => {
    const pattern = exactlyOneOf(["incident_join", "snooze:15", "incident_join_more"]);
    for (const id of ["incident_join", "snooze:15", "incident_join_more"])
      expect(pattern.test(id)).toBe(true);
    for (const id of ["incident_joi", "xincident_join", "incident_join ", "snooze:150", "snooze", ""])
      expect(pattern.test(id)).toBe(false);
  });

  it("takes the ids literally: characters that mean something in a pattern match only themselves", () => {
    const pattern = exactlyOneOf([
      "a.b",
      "c|d",
      "e*",
      "(f)",
      "g[h]",
      "i\\j",
      "k^l$",
      "m+n?",
      "o{2}",
      "p/q-r",
    ]);
    for (const id of ["a.b", "c|d", "e*", "(f)", "g[h]", "i\\j", "k^l$", "m+n?", "o{2}", "p/q-r"])
      expect(pattern.test(id)).toBe(true);
    for (const id of ["axb", "c", "d", "eee", "f", "gh", "ij", "kl", "mn", "oo", "pq-r"])
      expect(pattern.test(id)).toBe(false);
  });

  it("matches every id the app files a handler under", () => {
    const ids: string[] = [
      ...Object.values(ACTIONS),
      ...Object.values(CONTROL_ACTIONS),
      ...Object.values(VIEWS),
      ...Object.values(CONTROL_VIEWS),
      ...Object.values(SHORTCUTS),
    ];
    expect(ids.length).toBeGreaterThan(10);
    const pattern = exactlyOneOf(ids);
    for (const id of ids) expect(pattern.test(id)).toBe(true);
  });

  it("refuses an empty table instead of matching nothing silently", () => {
    expect(() => exactlyOneOf([])).toThrow(/at least one id/);
  });

  it("finds only handlers filed in the table, never one inherited from Object.prototype", () => {
    const table: Record<string, string> = { join: "join handler" };
    expect(handlerFor(table, "join")).toBe("join handler");
    for (const id of ["constructor", "__proto__", "toString", "hasOwnProperty", "missing"])
      expect(handlerFor(table, id)).toBeUndefined();
  });
});
