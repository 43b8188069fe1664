// What a person reads after a change is rendered from the use case's typed result. A retried
// request is answered from the stored result (JSON), so it must read exactly the same.
import { describe, expect, it } from "vitest";
import type { ServiceResult } from "../../../src/services/results.ts";
import { renderResult } from "../../../src/slack/views/replies/index.ts";

const cases: [ServiceResult, string][] = [
  [
    { kind: "severity_changed", incidentNumber: 4, from: 3, to: 1 },
    ":white_check_mark: Escalated to SEV1 (critical).",
  ],
  [
    { kind: "severity_changed", incidentNumber: 4, from: 1, to: 2 },
    ":white_check_mark: De-escalated to SEV2 (major).",
  ],
  [
    { kind: "role_assigned", role: "lead", userId: "U0KIM", workstream: "eu1" },
    ":white_check_mark: <@U0KIM> is now workstream lead of `eu1`.",
  ],
  [
    {
      kind: "milestone_recorded",
      name: "detected",
      at: "2026-03-08T06:10:00.000Z",
      previousAt: "2026-03-08T06:20:00.000Z",
    },
    ":white_check_mark: Milestone `detected` at 2026-03-08 06:10 UTC — <!date^1772950200^{date_short} {time}|2026-03-08 06:10 UTC> in your zone (corrected from 2026-03-08 06:20 UTC).",
  ],
  [
    {
      kind: "update_posted",
      number: 3,
      asOf: "2026-03-08T06:30:00.000Z",
      workstream: "us1",
      mirroredTo: "C0ANNOUNCE",
      isPrivate: false,
    },
    ":white_check_mark: Status update #3 as of 2026-03-08 06:30 UTC — <!date^1772951400^{date_short} {time}|2026-03-08 06:30 UTC> in your zone posted for `us1` and mirrored to <#C0ANNOUNCE>. The update reminder starts over.",
  ],
  [
    { kind: "note_added", occurredAt: "2026-03-08T06:30:00.000Z", tag: "cause", text: "<!channel> & co" },
    ":memo: Noted in the timeline at 2026-03-08 06:30 UTC — <!date^1772951400^{date_short} {time}|2026-03-08 06:30 UTC> in your zone (tagged *cause* for the postmortem), visible to responders only: &lt;!channel&gt; &amp; co",
  ],
  [
    {
      kind: "handoff_accepted",
      incidentNumber: 7,
      role: "commander",
      workstream: null,
      toUserId: "U0AOIFE",
      acceptedById: "U0ADMIN",
      latencyMs: 4 * 60_000,
      atShiftChange: true,
    },
    ":white_check_mark: <@U0AOIFE> holds incident command of INC-7 now (accepted 4m after the shift change).",
  ],
  [
    {
      kind: "rotation_attached",
      rotation: "follow-the-sun",
      workstream: null,
      duty: { userId: "U0RILEY", shift: "emea", until: "2026-03-08T16:00:00.000Z", tookRole: false },
      keptBy: "U0ALEX",
      invited: 2,
      next: { at: "2026-03-08T16:00:00.000Z", toUserId: "U0SAM", promptAt: "2026-03-08T15:45:00.000Z" },
    },
    [
      ":white_check_mark: This incident follows rotation `follow-the-sun` now.",
      "On duty now: <@U0RILEY> (shift `emea`, until 2026-03-08 16:00 UTC). <@U0ALEX> keeps the role; hand it over with `/incident handoff` if you want the shift to take it now.",
      "Inviting 2 people and groups from the shift.",
      "Next handoff: 2026-03-08 16:00 UTC to <@U0SAM> (prompted at 15:45 UTC).",
    ].join("\n"),
  ],
];

describe("replies rendered from typed results", () => {
  it.each(cases)("renders %j", (result, words) => {
    expect(renderResult(result).text).toBe(words);
  });

  it("shows the stored words of a request answered before results were typed", () => {
    const legacy = { text: ":white_check_mark: Status is now *monitoring*." } as unknown as ServiceResult;
    expect(renderResult(legacy)).toEqual({ text: ":white_check_mark: Status is now *monitoring*." });
  });

  it("reads the same when rendered from the stored (JSON) result of a retried request", () => {
    for (const [result] of cases) {
      const stored = JSON.parse(JSON.stringify(result)) as ServiceResult;
      expect(renderResult(stored)).toEqual(renderResult(result));
    }
  });
});
