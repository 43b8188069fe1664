// Hours on duty per person (for the postmortem) and the long-duty thresholds.
import { describe, expect, it } from "vitest";
import { dutyHours, latestCrossing, nextCrossingAfter } from "../../../../src/domain/rotation/duty-hours.ts";

const t = (iso: string) => new Date(iso);

describe("hours on duty", () => {
  it("adds up each person's roles, counting overlapping roles once", () => {
    const hours = dutyHours(
      [
        {
          userId: "UALI",
          role: "commander",
          workstreamId: null,
          startedAt: t("2026-03-08T06:00Z"),
          endedAt: t("2026-03-08T14:00Z"),
        },
        {
          userId: "UALI",
          role: "lead",
          workstreamId: 3,
          startedAt: t("2026-03-08T12:00Z"),
          endedAt: t("2026-03-08T16:00Z"),
        },
        {
          userId: "UBOB",
          role: "commander",
          workstreamId: null,
          startedAt: t("2026-03-08T14:00Z"),
          endedAt: null,
        },
      ],
      t("2026-03-08T20:30Z"),
    );
    expect(hours).toEqual([
      {
        userId: "UALI",
        hours: 10,
        longestStretchHours: 10,
        roles: [
          { role: "commander", workstreamId: null, hours: 8 },
          { role: "lead", workstreamId: 3, hours: 4 },
        ],
      },
      {
        userId: "UBOB",
        hours: 6.5,
        longestStretchHours: 6.5,
        roles: [{ role: "commander", workstreamId: null, hours: 6.5 }],
      },
    ]);
  });

  it("finds threshold crossings: one per maxShiftHours held", () => {
    const start = t("2026-03-08T06:00Z");
    expect(latestCrossing(start, 12, t("2026-03-08T17:59Z"))).toBeNull();
    expect(latestCrossing(start, 12, t("2026-03-08T18:00Z"))).toEqual({ at: t("2026-03-08T18:00Z"), k: 1 });
    expect(latestCrossing(start, 12, t("2026-03-09T05:59Z"))).toEqual({ at: t("2026-03-08T18:00Z"), k: 1 });
    expect(latestCrossing(start, 12, t("2026-03-09T06:00Z"))?.k).toBe(2);
    expect(nextCrossingAfter(start, 12, t("2026-03-08T06:00Z"))).toEqual(t("2026-03-08T18:00Z"));
    expect(nextCrossingAfter(start, 12, t("2026-03-08T18:00Z"))).toEqual(t("2026-03-09T06:00Z"));
  });
});
