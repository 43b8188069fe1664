// The draft's timeline, bounded: a 20,000-entry incident would make a 3 MB draft nobody reads
// (and too heavy for a canvas). Past the budget, rows are kept by what they say, most telling
// first: state changes (severity, status, milestones, roles, workstreams, accepted handoffs),
// then the recovery board, status updates and tagged notes, then other notes, pins and
// handoff steps, then the rest (invites, reminders). A group that does not fit whole is
// sampled evenly over the incident, so no stretch of it disappears. The full timeline is a
// separate file (full-timeline.ts).
import type { TimelineRow } from "../document.ts";

/** About 110 KB of timeline table: with the rest of a very large draft, under 200 KB. */
export const TIMELINE_BUDGET_CHARS = 110_000;
/** A row's table cells beside its text (two times, who, where, markup). */
const ROW_OVERHEAD = 120;
/** Longer typed text is cut in the draft's timeline; the full timeline file has all of it. */
export const TIMELINE_CELL_MAX = 600;

interface Group {
  /** Plural: how the draft counts what was left out. */
  name: string;
  kinds: string[];
  tagged?: boolean;
}

/** In the order they are kept. `name` is how the draft describes what was left out. */
const GROUPS: Group[] = [
  {
    name: "state changes",
    kinds: [
      "incident_declared",
      "severity_changed",
      "status_changed",
      "incident_reopened",
      "milestone_recorded",
      "role_assigned",
      "workstream_added",
      "workstream_status_changed",
      "handoff_accepted",
      "action_added",
      "incident_closed",
    ],
  },
  { name: "tagged notes", kinds: ["note_added"], tagged: true },
  { name: "status updates", kinds: ["update_posted"] },
  { name: "recovery-board changes", kinds: ["service_status_changed"] },
  { name: "notes", kinds: ["note_added"], tagged: false },
  { name: "pinned messages", kinds: ["message_pinned"] },
  {
    name: "handoff steps",
    kinds: ["handoff_prompted", "handoff_briefed", "handoff_escalated", "long_shift_prompted"],
  },
];
const OTHER = "other entries";

function groupOf(row: TimelineRow): string {
  for (const group of GROUPS) {
    if (!group.kinds.includes(row.kind)) continue;
    if (group.tagged !== undefined && group.tagged !== (row.tag !== null)) continue;
    return group.name;
  }
  return OTHER;
}

const cost = (row: TimelineRow) =>
  Math.min(row.text.length, TIMELINE_CELL_MAX) +
  ROW_OVERHEAD +
  (row.permalink ? row.permalink.length + 14 : 0) +
  (row.tag ? row.tag.length + 12 : 0) +
  (row.recordedAt ? 40 : 0);

export interface TimelineSelection {
  rows: TimelineRow[];
  /** What was left out, per group, in the order groups are kept. */
  omitted: { group: string; shown: number; total: number }[];
  total: number;
}

/** Every row when they fit the budget; otherwise the most telling ones, in time order. */
export function selectTimeline(rows: TimelineRow[], budget = TIMELINE_BUDGET_CHARS): TimelineSelection {
  const total = rows.length;
  if (rows.reduce((n, row) => n + cost(row), 0) <= budget) return { rows, omitted: [], total };
  const byGroup = new Map<string, number[]>();
  for (const [i, row] of rows.entries()) {
    const name = groupOf(row);
    const members = byGroup.get(name);
    if (members) members.push(i);
    else byGroup.set(name, [i]);
  }
  const keep = new Set<number>();
  const omitted: TimelineSelection["omitted"] = [];
  let left = budget;
  for (const name of [...GROUPS.map((g) => g.name), OTHER]) {
    const members = byGroup.get(name);
    if (!members) continue;
    const whole = members.reduce((n, i) => n + cost(rows[i] as TimelineRow), 0);
    if (whole <= left) {
      for (const i of members) keep.add(i);
      left -= whole;
      continue;
    }
    // An even sample: as many as the budget holds at this group's average row size.
    const room = Math.max(0, Math.floor((left / whole) * members.length));
    const step = members.length / Math.max(room, 1);
    let shown = 0;
    for (let k = 0; k < room; k++) {
      const i = members[Math.floor(k * step)] as number;
      left -= cost(rows[i] as TimelineRow);
      keep.add(i);
      shown++;
    }
    omitted.push({ group: name, shown, total: members.length });
  }
  return { rows: rows.filter((_, i) => keep.has(i)), omitted, total };
}
