// The draft without noise: one line per invite action and per run of joins, one line per
// handoff, people and groups by name (never raw IDs), no run-on joins of typed clauses, and
// responders split into those who acted, held a role, or were present.
import { describe, expect, it } from "vitest";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { incident } from "./small-incident.ts";

const members = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `U0${prefix}${String(i).padStart(4, "0")}`);

describe("invites and joins", () => {
  const input = incident([
    [
      "00:05",
      "people_invited",
      {
        userIds: ["U0CASEY001"],
        groupIds: ["S0ENG00001", "S0SRE00001", "S0DBA00001"],
        groups: [
          { id: "S0ENG00001", handle: "eng", memberIds: members("ENG", 200) },
          { id: "S0SRE00001", handle: "sre", memberIds: members("SRE", 50) },
          { id: "S0DBA00001", name: "Database team", memberIds: [...members("DBA", 9), "U0CASEY001"] },
        ],
      },
    ],
    ...members("JOIN", 30).map((id, i): [string, string, Record<string, unknown>, string] => [
      `00:${String(10 + Math.floor(i / 10)).padStart(2, "0")}`,
      "people_invited",
      { userIds: [id], groupIds: [] },
      id,
    ]),
    ["00:20", "update_posted", { text: "Investigating", broadcast: true }],
    ["00:30", "people_invited", { userIds: [], groupIds: ["S0MGR00001"] }],
  ]);
  const doc = buildPostmortem(input);
  const texts = doc.appendix.timeline.map((row) => row.text);

  it("writes one line per invite action, counting the members of its groups", () => {
    expect(texts).toContain("Invited 260 people (3 user groups: @eng, @sre, Database team)");
    expect(texts).toContain("Invited 1 user group; its members were not recorded");
    expect(texts.filter((t) => t.startsWith("Invited"))).toHaveLength(2);
  });

  it("writes one line per run of joins, not one per person", () => {
    expect(texts).toContain("30 people joined by themselves, the last at 2023-03-09 00:12 UTC");
    expect(texts.filter((t) => /joined/.test(t))).toHaveLength(1);
    expect(doc.appendix.timeline.find((r) => /joined/.test(r.text))?.entries).toBe(30);
  });

  it("counts group members as present, joiners as present but not as having acted", () => {
    expect(doc.response.responders).toMatchObject({
      count: 1 + 260 + 30,
      acted: 1,
      heldRoles: 1,
      present: 260 + 30,
      invited: 260,
      joined: 30,
      viaGroups: 260,
      groupsInvited: 4,
    });
    const markdown = renderMarkdown(doc);
    expect(markdown).toContain(
      "**291 people** took part: 1 acted (wrote an update, a note or a pin, or changed something), 1 held a role, 290 were present (260 invited, 260 of them through 3 user groups, 30 joined by themselves). The members of 1 user group were not recorded when invited, so they are not counted.",
    );
  });

  it("names a user group by its handle, and never shows a raw user or group ID", () => {
    const markdown = renderMarkdown(doc);
    expect(markdown).not.toMatch(/\b[USW]0[A-Z0-9]{6,}\b/);
    const unnamed = renderMarkdown(
      buildPostmortem(
        incident([["00:05", "people_invited", { userIds: ["U0NONAME01"], groupIds: ["S0X0000001"] }]]),
      ),
    );
    expect(unnamed).toContain(
      "Invited someone without a known name, and 1 user group; its members were not recorded",
    );
    expect(unnamed).not.toMatch(/U0NONAME01|S0X0000001/);
  });
});

describe("handoffs", () => {
  const handoff = { handoffId: 9, role: "lead", workstreamId: null, workstream: "us1" };
  const input = incident([
    [
      "01:00",
      "handoff_briefed",
      {
        ...handoff,
        fromUserId: "U0SOLO0001",
        toUserId: "U0CASEY001",
        brief: {
          currentState: "20% done.",
          triedOrRuledOut: "a restart;",
          openActions: "",
          risks: "the revert",
          nextCheckpoint: "",
        },
      },
    ],
    [
      "01:05",
      "role_assigned",
      { role: "lead", userId: "U0CASEY001", previousUserId: "U0SOLO0001", workstream: "us1", handoffId: 9 },
      "U0CASEY001",
    ],
    [
      "01:05",
      "handoff_accepted",
      { ...handoff, fromUserId: "U0SOLO0001", toUserId: "U0CASEY001", acceptedById: "U0CASEY001" },
      "U0CASEY001",
    ],
    [
      "02:00",
      "role_assigned",
      { role: "comms", userId: "U0CASEY001", previousUserId: null, workstream: null, handoffId: null },
    ],
  ]);
  const doc = buildPostmortem(input);

  it("shows a handoff's acceptance once, not again as a role change", () => {
    const kinds = doc.appendix.timeline.map((r) => r.kind);
    expect(kinds.filter((k) => k === "handoff_accepted")).toHaveLength(1);
    // The role change the handoff made is not repeated; a role given by hand still shows.
    expect(kinds.filter((k) => k === "role_assigned")).toHaveLength(1);
  });

  it("joins a brief's clauses without run-on punctuation", () => {
    const markdown = renderMarkdown(doc);
    expect(markdown).toContain("(state: 20% done; tried: a restart; risks: the revert)");
    expect(markdown).not.toMatch(/\.;|;;/);
  });
});
