// Small rotations for the shift-arithmetic tests.
import type { Rotation, Shift } from "../../../../src/domain/rotation/types.ts";

export function shift(
  partial: Partial<Shift> & Pick<Shift, "name" | "timeZone">,
  start: string,
  end: string,
): Shift {
  const minute = (hhmm: string) => {
    const [h, m] = hhmm.split(":").map(Number) as [number, number];
    return (h * 60 + m) % 1440;
  };
  return {
    days: null,
    commander: `U${partial.name.toUpperCase().replace(/[^A-Z0-9]/g, "")}IC`,
    deputies: [],
    leads: {},
    members: [],
    ...partial,
    startMinute: minute(start),
    endMinute: minute(end),
  };
}

export function rotation(name: string, shifts: Shift[], extra: Partial<Rotation> = {}): Rotation {
  return {
    name,
    shifts,
    promptBeforeMs: 15 * 60_000,
    acceptWithinMs: 10 * 60_000,
    escalateTo: "S0MANAGERS",
    maxShiftHours: 12,
    ...extra,
  };
}

/** APAC 09–17 Seoul, EMEA 08–16 Dublin, AMER 11–19 New York: 24h in winter, not in summer. */
export const followTheSun = rotation("follow-the-sun", [
  shift(
    { name: "apac", timeZone: "Asia/Seoul", commander: "UAPAC", leads: { us1: "UUS1APAC" } },
    "09:00",
    "17:00",
  ),
  shift(
    { name: "emea", timeZone: "Europe/Dublin", commander: "UEMEA", leads: { us1: "UUS1EMEA" } },
    "08:00",
    "16:00",
  ),
  shift(
    { name: "amer", timeZone: "America/New_York", commander: "UAMER", leads: { us1: "UUS1AMER" } },
    "11:00",
    "19:00",
  ),
]);

export const iso = (date: Date | null | undefined) => date?.toISOString();
export const at = (text: string) => new Date(text);
