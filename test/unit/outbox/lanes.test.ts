// Which lane each intent goes in: the channel's messages in its lane, in order; topics,
// invites, the refresh of every workstream channel and the recovery board in lanes of their
// own, so the update line and the pinned summary never wait behind them, nor the board behind
// the update lines.
import { describe, expect, it } from "vitest";
import { type Intent, laneOf } from "../../../src/outbox/intents.ts";

const incident = { incidentId: 4 };
const workstream = { workstreamId: 9 };
const message = { view: "plain", text: "x" };
const lane = (intent: Intent) => laneOf(intent, "C0ANNOUNCE");

describe("outbox lanes", () => {
  it("keeps what the channel shows in order in its own lane, behind the channel's creation", () => {
    for (const scope of [incident, workstream]) {
      const own = "incidentId" in scope ? "incident:4" : "workstream:9";
      expect(lane({ kind: "channel.create", scope })).toBe(own);
      expect(lane({ kind: "summary.refresh", scope })).toBe(own);
      expect(lane({ kind: "message.post", target: scope, message } as Intent)).toBe(own);
      expect(lane({ kind: "channel.archive", scope })).toBe(own);
    }
    expect(lane({ kind: "incident.ready", incidentId: 4, responseUrl: "https://hooks.slack.test/r" })).toBe(
      "incident:4",
    );
  });

  it("gives topics and invites a lane per channel of their own, and the workstream refresh one per incident", () => {
    expect(lane({ kind: "channel.topic", scope: incident })).toBe("topic:incident:4");
    expect(lane({ kind: "channel.topic", scope: workstream })).toBe("topic:workstream:9");
    expect(lane({ kind: "channel.invite", scope: incident, users: ["U1"], groups: [] })).toBe(
      "invite:incident:4",
    );
    expect(lane({ kind: "channel.invite", scope: workstream, users: [], groups: ["S1"] })).toBe(
      "invite:workstream:9",
    );
    expect(lane({ kind: "workstreams.refresh", incidentId: 4 })).toBe("workstreams:incident:4");
  });

  it("gives the recovery board a lane per incident of its own: its edit never waits behind the channel's paced posts", () => {
    expect(lane({ kind: "board.refresh", incidentId: 4 })).toBe("board:incident:4");
  });
});
