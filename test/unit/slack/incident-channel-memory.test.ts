// Whether a channel is an incident's, remembered per replica (src/slack/listeners/events/
// incident-channel-memory.ts): "yes" for good, "no" only for a short while so a channel that
// becomes an incident's is heard again, and neither memory grows without bound.
import { describe, expect, it } from "vitest";
import { createIncidentChannelMemory } from "../../../src/slack/listeners/events/incident-channel-memory.ts";

function counted(incidentChannels: Set<string>, options: { ttlMs?: number; max?: number } = {}) {
  let at = Date.parse("2026-03-01T09:00:00Z");
  const lookups: string[] = [];
  const memory = createIncidentChannelMemory({
    lookup: async (channelId) => {
      lookups.push(channelId);
      return incidentChannels.has(channelId);
    },
    now: () => new Date(at),
    ...options,
  });
  return { memory, lookups, advance: (ms: number) => (at += ms) };
}

describe("incident channel memory", () => {
  it("asks once for a channel that is not an incident's until the short memory runs out", async () => {
    const incidents = new Set<string>();
    const { memory, lookups, advance } = counted(incidents, { ttlMs: 30_000 });
    for (let i = 0; i < 5; i++) expect(await memory.isIncidentChannel("CGENERAL")).toBe(false);
    expect(lookups).toEqual(["CGENERAL"]);
    advance(29_999);
    expect(await memory.isIncidentChannel("CGENERAL")).toBe(false);
    expect(lookups).toHaveLength(1);
    advance(1);
    expect(await memory.isIncidentChannel("CGENERAL")).toBe(false);
    expect(lookups).toHaveLength(2);
  });

  it("hears a channel that became an incident's once the short memory runs out", async () => {
    const incidents = new Set<string>();
    const { memory, advance } = counted(incidents, { ttlMs: 30_000 });
    expect(await memory.isIncidentChannel("CINC1")).toBe(false);
    incidents.add("CINC1");
    advance(30_000);
    expect(await memory.isIncidentChannel("CINC1")).toBe(true);
  });

  it("remembers an incident channel for good", async () => {
    const { memory, lookups, advance } = counted(new Set(["CINC1"]));
    expect(await memory.isIncidentChannel("CINC1")).toBe(true);
    advance(24 * 3600_000);
    expect(await memory.isIncidentChannel("CINC1")).toBe(true);
    expect(lookups).toEqual(["CINC1"]);
  });

  it("keeps at most `max` channels each way, dropping the oldest", async () => {
    const { memory, lookups } = counted(new Set(["CINC1", "CINC2", "CINC3"]), { max: 2 });
    for (const channel of ["CA", "CB", "CC", "CINC1", "CINC2", "CINC3"])
      await memory.isIncidentChannel(channel);
    lookups.length = 0;
    for (const channel of ["CB", "CC", "CINC2", "CINC3"]) await memory.isIncidentChannel(channel);
    expect(lookups).toEqual([]);
    await memory.isIncidentChannel("CA");
    await memory.isIncidentChannel("CINC1");
    expect(lookups).toEqual(["CA", "CINC1"]);
  });
});
