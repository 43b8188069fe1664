// Date.prototype.toISOString, faster for the many instants of one incident: a postmortem of a
// 20,000-entry incident writes about 60,000 of them (its timeline and the full-timeline file),
// and V8's toISOString costs about 0.35 µs each (measured: 40,000 in 15 ms, these in 4 ms).
// The date part ("2023-03-08T") is toISOString's own, kept for the last day asked, so years
// outside 0–9999 and invalid dates (which throw) behave exactly as toISOString; only the
// time of day ("06:00:12.960Z") is written here.

const MS_PER_DAY = 86_400_000;

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"));

/** The day (since the epoch) whose date part is `datePart`. */
let cachedDay = Number.NaN;
let datePart = "";

/** Exactly `date.toISOString()`. */
export function isoInstant(date: Date): string {
  const time = date.getTime();
  const day = Math.floor(time / MS_PER_DAY);
  if (day !== cachedDay) {
    // NaN never equals the cache: an invalid date reaches toISOString, which throws.
    const full = date.toISOString();
    cachedDay = day;
    datePart = full.slice(0, full.indexOf("T") + 1);
  }
  let rest = time - day * MS_PER_DAY;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${datePart}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[ms]}Z`;
}
