// Shift arithmetic: wall-clock shifts in IANA zones, across daylight-saving changes in both
// directions, shifts crossing midnight, days of the week, and who is on at an instant.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  changeAt,
  changesBetween,
  holderAt,
  lastChangeAtOrBefore,
  nowAndNext,
  teamAt,
} from "../../../../src/domain/rotation/duty.ts";
import {
  activeAt,
  boundariesBetween,
  lastBoundaryAtOrBefore,
  nextBoundaryAfter,
  occurrencesOfShift,
  wallClockInstant,
} from "../../../../src/domain/rotation/shifts.ts";
import { at, followTheSun, iso, rotation, shift } from "./fixtures.ts";

function spans(s: ReturnType<typeof shift>, from: string, to: string) {
  return occurrencesOfShift(s, 0, at(from), at(to)).map((o) => `${iso(o.start)}→${iso(o.end)}`);
}

describe("a 09:00–17:00 shift stays 09:00–17:00 on the local clocks", () => {
  it("Europe/Dublin, clocks forward on Sun 29 Mar 2026: 09–17 UTC before, 08–16 UTC after", () => {
    const dublin = shift({ name: "emea", timeZone: "Europe/Dublin" }, "09:00", "17:00");
    expect(spans(dublin, "2026-03-27T00:00Z", "2026-03-31T00:00Z")).toEqual([
      "2026-03-27T09:00:00.000Z→2026-03-27T17:00:00.000Z",
      "2026-03-28T09:00:00.000Z→2026-03-28T17:00:00.000Z",
      "2026-03-29T08:00:00.000Z→2026-03-29T16:00:00.000Z",
      "2026-03-30T08:00:00.000Z→2026-03-30T16:00:00.000Z",
    ]);
    for (const o of occurrencesOfShift(dublin, 0, at("2026-03-27T00:00Z"), at("2026-03-31T00:00Z"))) {
      expect(DateTime.fromJSDate(o.start, { zone: "Europe/Dublin" }).toFormat("HH:mm")).toBe("09:00");
      expect(DateTime.fromJSDate(o.end, { zone: "Europe/Dublin" }).toFormat("HH:mm")).toBe("17:00");
    }
  });

  it("Europe/Dublin, clocks back on Sun 25 Oct 2026: 08–16 UTC before, 09–17 UTC after", () => {
    const dublin = shift({ name: "emea", timeZone: "Europe/Dublin" }, "09:00", "17:00");
    expect(spans(dublin, "2026-10-24T00:00Z", "2026-10-27T00:00Z")).toEqual([
      "2026-10-24T08:00:00.000Z→2026-10-24T16:00:00.000Z",
      "2026-10-25T09:00:00.000Z→2026-10-25T17:00:00.000Z",
      "2026-10-26T09:00:00.000Z→2026-10-26T17:00:00.000Z",
    ]);
  });

  it("America/New_York, clocks forward on Sun 8 Mar 2026 and back on Sun 1 Nov 2026", () => {
    const ny = shift({ name: "amer", timeZone: "America/New_York" }, "09:00", "17:00");
    expect(spans(ny, "2026-03-07T00:00Z", "2026-03-10T00:00Z")).toEqual([
      "2026-03-07T14:00:00.000Z→2026-03-07T22:00:00.000Z",
      "2026-03-08T13:00:00.000Z→2026-03-08T21:00:00.000Z",
      "2026-03-09T13:00:00.000Z→2026-03-09T21:00:00.000Z",
    ]);
    expect(spans(ny, "2026-10-31T00:00Z", "2026-11-03T00:00Z")).toEqual([
      "2026-10-31T13:00:00.000Z→2026-10-31T21:00:00.000Z",
      "2026-11-01T14:00:00.000Z→2026-11-01T22:00:00.000Z",
      "2026-11-02T14:00:00.000Z→2026-11-02T22:00:00.000Z",
    ]);
  });

  it("Asia/Seoul has no daylight saving: 09:00 KST is 00:00 UTC all year", () => {
    const seoul = shift({ name: "apac", timeZone: "Asia/Seoul" }, "09:00", "17:00");
    expect(spans(seoul, "2026-03-29T00:00Z", "2026-03-29T12:00Z")).toEqual([
      "2026-03-29T00:00:00.000Z→2026-03-29T08:00:00.000Z",
    ]);
    expect(spans(seoul, "2026-07-01T00:00Z", "2026-07-01T12:00Z")).toEqual([
      "2026-07-01T00:00:00.000Z→2026-07-01T08:00:00.000Z",
    ]);
  });
});

describe("shifts crossing midnight", () => {
  const night = shift({ name: "night", timeZone: "America/New_York" }, "22:00", "06:00");

  it("end at or before start means the next day; the clock change night is shorter or longer", () => {
    // Spring forward: 22:00 EST → 06:00 EDT is 7 hours.
    const spring = occurrencesOfShift(night, 0, at("2026-03-08T04:00Z"), at("2026-03-08T05:00Z"));
    expect(spring.map((o) => `${iso(o.start)}→${iso(o.end)}`)).toEqual([
      "2026-03-08T03:00:00.000Z→2026-03-08T10:00:00.000Z",
    ]);
    // Fall back: 22:00 EDT → 06:00 EST is 9 hours.
    const fall = occurrencesOfShift(night, 0, at("2026-11-01T04:00Z"), at("2026-11-01T05:00Z"));
    expect(fall.map((o) => `${iso(o.start)}→${iso(o.end)}`)).toEqual([
      "2026-11-01T02:00:00.000Z→2026-11-01T11:00:00.000Z",
    ]);
  });

  it("a shift that starts on a listed day runs into the next, unlisted day", () => {
    const fridayNight = shift({ name: "fri", timeZone: "Europe/Dublin", days: ["fri"] }, "20:00", "08:00");
    const r = rotation("weekend", [fridayNight]);
    // Saturday 01:00 in Dublin (winter, UTC+0) is still Friday's night shift.
    expect(activeAt(r, at("2026-01-10T01:00Z")).map((o) => o.shift.name)).toEqual(["fri"]);
    // Saturday 20:00: no shift starts on Saturday.
    expect(activeAt(r, at("2026-01-10T21:00Z"))).toEqual([]);
  });

  it("24:00 as an end and equal start and end make whole-day shifts", () => {
    const allDay = shift({ name: "all", timeZone: "UTC" }, "00:00", "24:00");
    expect(spans(allDay, "2026-05-01T00:00Z", "2026-05-01T23:00Z")).toEqual([
      "2026-05-01T00:00:00.000Z→2026-05-02T00:00:00.000Z",
    ]);
  });
});

describe("times the clocks skip or repeat", () => {
  it("a time skipped by the clocks moves forward by the gap", () => {
    const instant = wallClockInstant("America/New_York", { year: 2026, month: 3, day: 8 }, 2 * 60 + 30);
    expect(instant.toUTC().toISO()).toBe("2026-03-08T07:30:00.000Z");
    expect(instant.toFormat("HH:mm ZZZZ")).toBe("03:30 EDT");
  });

  it("a time the clocks show twice means the first time", () => {
    const ny = wallClockInstant("America/New_York", { year: 2026, month: 11, day: 1 }, 90);
    expect(ny.toUTC().toISO()).toBe("2026-11-01T05:30:00.000Z");
    const dublin = wallClockInstant("Europe/Dublin", { year: 2026, month: 10, day: 25 }, 90);
    expect(dublin.toUTC().toISO()).toBe("2026-10-25T00:30:00.000Z");
  });
});

describe("who is on duty", () => {
  it("finds the shift on now; in an overlap the one that started last has taken over", () => {
    // 8 Mar 2026: New York is on EDT, Dublin not yet: EMEA 08–16 UTC, AMER 15–23 UTC.
    expect(activeAt(followTheSun, at("2026-03-09T15:30Z")).map((o) => o.shift.name)).toEqual([
      "amer",
      "emea",
    ]);
    expect(holderAt(followTheSun, { role: "commander" }, at("2026-03-09T15:30Z"))?.userId).toBe("UAMER");
    expect(holderAt(followTheSun, { role: "lead", workstream: "us1" }, at("2026-03-09T10:00Z"))?.userId).toBe(
      "UUS1EMEA",
    );
    expect(holderAt(followTheSun, { role: "lead", workstream: "eu1" }, at("2026-03-09T10:00Z"))).toBeNull();
    // The gap: 23:00–24:00 UTC nobody is on.
    expect(holderAt(followTheSun, { role: "commander" }, at("2026-03-09T23:30Z"))).toBeNull();
  });

  it("lists the boundaries and the changes of holder", () => {
    const winter = boundariesBetween(followTheSun, at("2026-01-12T00:00Z"), at("2026-01-13T00:00Z"));
    expect(winter.map(iso)).toEqual([
      "2026-01-12T08:00:00.000Z",
      "2026-01-12T16:00:00.000Z",
      "2026-01-13T00:00:00.000Z",
    ]);
    const changes = changesBetween(
      followTheSun,
      { role: "commander" },
      at("2026-01-12T00:00Z"),
      at("2026-01-13T00:00Z"),
    );
    expect(changes.map((c) => [iso(c.boundaryAt), c.fromUserId, c.toUserId])).toEqual([
      ["2026-01-12T08:00:00.000Z", "UAPAC", "UEMEA"],
      ["2026-01-12T16:00:00.000Z", "UEMEA", "UAMER"],
      ["2026-01-13T00:00:00.000Z", "UAMER", "UAPAC"],
    ]);
    expect(iso(nextBoundaryAfter(followTheSun, at("2026-01-12T08:00Z")))).toBe("2026-01-12T16:00:00.000Z");
    expect(iso(lastBoundaryAtOrBefore(followTheSun, at("2026-01-12T08:00Z")))).toBe(
      "2026-01-12T08:00:00.000Z",
    );
    expect(
      iso(lastChangeAtOrBefore(followTheSun, { role: "commander" }, at("2026-01-12T12:00Z"))?.boundaryAt),
    ).toBe("2026-01-12T08:00:00.000Z");
  });

  it("the boundary moves with the clocks: AMER takes over at 16:00 UTC in winter, 15:00 UTC in summer", () => {
    const winter = changesBetween(
      followTheSun,
      { role: "commander" },
      at("2026-03-06T12:00Z"),
      at("2026-03-06T20:00Z"),
    );
    expect(winter.map((c) => iso(c.boundaryAt))).toEqual(["2026-03-06T16:00:00.000Z"]);
    const summer = changesBetween(
      followTheSun,
      { role: "commander" },
      at("2026-07-06T12:00Z"),
      at("2026-07-06T20:00Z"),
    );
    expect(summer.map((c) => iso(c.boundaryAt))).toEqual(["2026-07-06T15:00:00.000Z"]);
  });

  it("after a gap the change comes from nobody; the end of a shift into a gap changes nothing", () => {
    // 9 Mar: AMER ends 23:00 UTC (gap), APAC starts 00:00 UTC.
    expect(changeAt(followTheSun, { role: "commander" }, at("2026-03-09T23:00Z"))).toBeNull();
    const after = changeAt(followTheSun, { role: "commander" }, at("2026-03-10T00:00Z"));
    expect([after?.fromUserId, after?.toUserId]).toEqual([null, "UAPAC"]);
  });

  it("the same person on consecutive shifts is no handoff", () => {
    const r = rotation("solo", [
      shift({ name: "a", timeZone: "UTC", commander: "USAME" }, "00:00", "12:00"),
      shift({ name: "b", timeZone: "UTC", commander: "USAME" }, "12:00", "00:00"),
    ]);
    expect(
      changesBetween(r, { role: "commander" }, at("2026-01-01T00:00Z"), at("2026-01-03T00:00Z")),
    ).toEqual([]);
  });

  it("names the team on now and the shift coming next", () => {
    const team = teamAt(followTheSun, at("2026-01-12T10:00Z"));
    expect(team.commanders).toEqual(["UEMEA"]);
    expect(team.leads).toEqual({ us1: "UUS1EMEA" });
    const { now, next } = nowAndNext(followTheSun, at("2026-01-12T10:00Z"));
    expect(now.shifts.map((o) => o.shift.name)).toEqual(["emea"]);
    expect(next.shifts.map((o) => [o.shift.name, iso(o.start)])).toEqual([
      ["amer", "2026-01-12T16:00:00.000Z"],
    ]);
  });
});
