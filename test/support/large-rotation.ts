// A rotations file the size of a large organisation: 1,000 people in four shifts of 250 (one
// commander, three deputies, five regional leads and 241 members each). Shared by the e2e test
// that attaches it to an incident and by the benchmark that times parsing it.
export const LARGE_ROTATION_SHIFTS = [
  { name: "apac", zone: "Asia/Seoul", start: "09:00", end: "17:00" },
  { name: "emea", zone: "Europe/Dublin", start: "08:00", end: "16:00" },
  { name: "amer", zone: "America/New_York", start: "10:00", end: "18:00" },
  { name: "night", zone: "UTC", start: "23:00", end: "07:00" },
];

/** The Slack user ID of person `n` (1-based) in the large rotation. */
export const largeRotationUserId = (n: number) => `U${String(n).padStart(10, "0")}`;

/** The rotations file with `perShift` people in each of the four shifts (at least ten). */
export function largeRotationYaml(perShift = 250): string {
  const userId = largeRotationUserId;
  const lines = [
    "rotations:",
    "  - name: everyone",
    "    promptBefore: 15m",
    "    acceptWithin: 10m",
    `    escalateTo: ${userId(LARGE_ROTATION_SHIFTS.length * perShift)}`,
    "    shifts:",
  ];
  LARGE_ROTATION_SHIFTS.forEach((shift, s) => {
    const people = Array.from({ length: perShift }, (_, i) => userId(s * perShift + i + 1));
    lines.push(
      `      - name: ${shift.name}`,
      `        timeZone: ${shift.zone}`,
      `        start: "${shift.start}"`,
      `        end: "${shift.end}"`,
      `        commander: ${people[0]}`,
      `        deputies: [${people.slice(1, 4).join(", ")}]`,
      "        leads:",
      ...["us1", "us3", "us5", "eu1", "ap1"].map((region, r) => `          ${region}: ${people[4 + r]}`),
      `        members: [${people.slice(9).join(", ")}]`,
    );
  });
  return `${lines.join("\n")}\n`;
}
