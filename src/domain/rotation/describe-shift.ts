// Shifts and rotations in words, for replies and logs.
import type { Rotation, Shift } from "./types.ts";

export const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** "apac 09:00–17:00 Asia/Seoul (mon, tue)" */
export function describeShift(shift: Shift): string {
  const days = shift.days ? ` (${shift.days.join(", ")})` : "";
  return `${shift.name} ${hhmm(shift.startMinute)}–${shift.endMinute === 0 ? "24:00" : hhmm(shift.endMinute)} ${shift.timeZone}${days}`;
}

export function describeDuration(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}m`;
}

/** "prompt 15m before · accept within 10m · nudge after 12h" */
export function describeTimings(rotation: Rotation): string {
  return `prompt ${describeDuration(rotation.promptBeforeMs)} before · accept within ${describeDuration(rotation.acceptWithinMs)} · long-shift nudge after ${rotation.maxShiftHours}h`;
}
