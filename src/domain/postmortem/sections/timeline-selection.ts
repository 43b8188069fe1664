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

/** Per kind, the groups that list it, in GROUPS order: a row is looked up, not searched for. */
const GROUPS_OF_KIND = new Map<string, Group[]>();
for (const group of GROUPS)
  for (const kind of group.kinds) GROUPS_OF_KIND.set(kind, [...(GROUPS_OF_KIND.get(kind) ?? []), group]);

function groupOf(row: TimelineRow): string {
  for (const group of GROUPS_OF_KIND.get(row.kind) ?? []) {
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
  // Each row's cost is worked out once (a 20,000-entry timeline is read three times here).
  const costs = new Float64Array(total);
  let whole = 0;
  for (let i = 0; i < total; i++) whole += costs[i] = cost(rows[i] as TimelineRow);
  if (whole <= budget) return { rows, omitted: [], total };
  const byGroup = new Map<string, number[]>();
  for (let i = 0; i < total; i++) {
    const name = groupOf(rows[i] as TimelineRow);
    const members = byGroup.get(name);
    if (members) members.push(i);
    else byGroup.set(name, [i]);
  }
  const keep = new Uint8Array(total);
  const omitted: TimelineSelection["omitted"] = [];
  let left = budget;
  for (const name of [...GROUPS.map((g) => g.name), OTHER]) {
    const members = byGroup.get(name);
    if (!members) continue;
    const groupCost = members.reduce((n, i) => n + (costs[i] as number), 0);
    if (groupCost <= left) {
      for (const i of members) keep[i] = 1;
      left -= groupCost;
      continue;
    }
    // An even sample: as many as the budget holds at this group's average row size.
    const room = Math.max(0, Math.floor((left / groupCost) * members.length));
    const step = members.length / Math.max(room, 1);
    let shown = 0;
    for (let k = 0; k < room; k++) {
      const i = members[Math.floor(k * step)] as number;
      left -= costs[i] as number;
      keep[i] = 1;
      shown++;
    }
    omitted.push({ group: name, shown, total: members.length });
  }
  return { rows: rows.filter((_, i) => keep[i] === 1), omitted, total };
}
