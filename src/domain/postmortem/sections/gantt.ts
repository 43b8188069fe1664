// A Mermaid `gantt` chart of the incident over time: its status, who was in command, and per
// workstream or region its status, leads, and when live data and the backfill recovered.
import { asData, KINDS, num, str } from "../contract.ts";
import type { GanttChart, RecoverySection } from "../document.ts";
import type { Facts } from "../facts.ts";
import { milestoneLabel } from "./chronology.ts";
import { commanderTerms } from "./response.ts";

/** Beyond this the chart stops being readable (and Mermaid's default text limit nears). */
export const MAX_BARS = 400;

const KEYWORD =
  /^(title|dateformat|axisformat|tickinterval|todaymarker|includes|excludes|inclusiveenddates|topaxis|weekday|weekend|section|click|acctitle|accdescr|gantt|displaymode)\b/i;

/**
 * Text safe as a Mermaid gantt task or section name: no characters the gantt grammar gives
 * meaning to (`:` starts task data, `;` and newlines end statements, `#` entities, `%%`
 * comments), no markup, not starting with a keyword, and short.
 */
export function mermaidLabel(text: string, max = 60): string {
  let label = text
    .replace(/[\r\n\t]+/g, " ")
    .replace(/:/g, " -")
    .replace(/;/g, ",")
    .replace(/#/g, "No.")
    .replace(/%/g, " pct")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .replace(/&/g, "+")
    .replace(/[`"]/g, "'")
    .replace(/[{}[\]\\|]/g, " ")
    .replace(/\s{2,}/g, " ")
    .trim();
  if (label.length > max) label = `${label.slice(0, max - 1).trimEnd()}…`;
  if (!label) return "(unnamed)";
  return KEYWORD.test(label) ? `· ${label}` : label;
}

/** Mermaid's `dateFormat YYYY-MM-DD HH:mm`, in UTC. */
const mermaidTime = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

type Tag = "crit" | "active" | "done" | "";
const STATUS_TAG: Record<string, Tag> = { investigating: "crit", identified: "active", monitoring: "" };

interface Bar {
  label: string;
  tag: Tag;
  start: number;
  end: number;
}

/** Status intervals from a start status and the changes after it; terminal states end them. */
function statusBars(
  start: number,
  changes: { at: number; to: string }[],
  end: number,
  word: (value: string) => string,
): Bar[] {
  const bars: Bar[] = [];
  let current = { status: "investigating", since: start };
  for (const change of changes) {
    if (current.status !== "resolved" && current.status !== "closed")
      bars.push({
        label: word(current.status),
        tag: STATUS_TAG[current.status] ?? "",
        start: current.since,
        end: change.at,
      });
    current = { status: change.to, since: change.at };
  }
  if (current.status !== "resolved" && current.status !== "closed")
    bars.push({
      label: word(current.status),
      tag: STATUS_TAG[current.status] ?? "",
      start: current.since,
      end,
    });
  return bars;
}

export function ganttChart(facts: Facts, recovery: RecoverySection, impactStart: string): GanttChart {
  const { input } = facts;
  const end = facts.activeEnd.getTime();
  const sections: { name: string; bars: Bar[] }[] = [];

  const declared = (facts.milestone("declared")?.occurredAt ?? input.incident.createdAt).getTime();
  const incidentChanges = facts.entries
    .filter((e) => (e.kind === KINDS.status && e.workstreamId === null) || e.kind === KINDS.reopened)
    .map((e) => ({
      at: e.occurredAt.getTime(),
      to: e.kind === KINDS.reopened ? "investigating" : str(asData(e.data), "to"),
    }));
  const t = facts.t;
  sections.push({ name: t.gantt.incident, bars: statusBars(declared, incidentChanges, end, t.word) });

  sections.push({
    name: t.gantt.command,
    bars: commanderTerms(facts).map((term) => ({
      label: facts.person(term.userId).name,
      tag: "",
      start: term.startedAt.getTime(),
      end: (term.endedAt ?? facts.activeEnd).getTime(),
    })),
  });

  const workstreamChanges = new Map<number, { at: number; to: string }[]>();
  for (const entry of facts.byKind(KINDS.workstreamStatus)) {
    const d = asData(entry.data);
    const id = num(d, "workstreamId");
    if (id === null) continue;
    workstreamChanges.set(id, [
      ...(workstreamChanges.get(id) ?? []),
      { at: entry.occurredAt.getTime(), to: str(d, "to") },
    ]);
  }
  const workstreamByName = new Map(input.workstreams.map((w) => [w.name, w]));
  const incidentImpact = Date.parse(impactStart);
  for (const region of recovery.regions) {
    const bars: Bar[] = [];
    const workstream = workstreamByName.get(region.region);
    if (workstream) {
      bars.push(
        ...statusBars(
          workstream.createdAt.getTime(),
          workstreamChanges.get(workstream.id) ?? [],
          end,
          t.word,
        ),
      );
      for (const term of input.roles) {
        if (term.workstreamId !== workstream.id || term.role !== "lead") continue;
        bars.push({
          label: t.gantt.lead(facts.person(term.userId).name),
          tag: "",
          start: term.startedAt.getTime(),
          end: (term.endedAt ?? facts.activeEnd).getTime(),
        });
      }
    }
    const rows = input.services.filter((s) => s.region === region.region);
    const live = rows.filter((r) => r.phase !== "backfill");
    // Impact in a region began with the incident's impact, or earlier if reported earlier.
    const reported = recovery.services
      .filter((s) => s.region === region.region && s.firstReportedAt)
      .map((s) => Date.parse(s.firstReportedAt as string));
    const impactFrom = Math.min(incidentImpact, ...reported);
    const liveRecovered = region.liveRecoveredAt ? Date.parse(region.liveRecoveredAt) : null;
    if (live.length)
      bars.push({ label: "live data impacted", tag: "crit", start: impactFrom, end: liveRecovered ?? end });
    if (rows.some((r) => r.phase === "backfill")) {
      bars.push({
        label: "historical backfill",
        tag: "active",
        start: liveRecovered ?? impactFrom,
        end: region.backfillCompleteAt ? Date.parse(region.backfillCompleteAt) : end,
      });
    }
    if (bars.length) sections.push({ name: region.region || "All regions", bars });
  }

  const lines = [
    "gantt",
    `    title INC-${input.incident.number} status and command over time (UTC)`,
    "    dateFormat YYYY-MM-DD HH:mm",
    "    axisFormat %d %b %H:%M",
  ];
  let bars = 0;
  let omitted = 0;
  for (const section of sections) {
    const drawable = section.bars.filter((bar) => bar.end > bar.start);
    if (!drawable.length) continue;
    const room = MAX_BARS - bars;
    if (room <= 0) {
      omitted += drawable.length;
      continue;
    }
    lines.push(`    section ${mermaidLabel(section.name)}`);
    for (const bar of drawable.slice(0, room)) {
      const tag = bar.tag ? `${bar.tag}, ` : "";
      lines.push(`    ${mermaidLabel(bar.label)} :${tag}${mermaidTime(bar.start)}, ${mermaidTime(bar.end)}`);
    }
    bars += Math.min(room, drawable.length);
    omitted += Math.max(0, drawable.length - room);
  }
  const milestones = input.milestones;
  if (milestones.length && bars + milestones.length <= MAX_BARS) {
    lines.push("    section Milestones");
    for (const m of [...milestones].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
      lines.push(
        `    ${mermaidLabel(milestoneLabel(facts, m.name))} :milestone, ${mermaidTime(m.occurredAt.getTime())}, 0m`,
      );
    }
    bars += milestones.length;
  } else omitted += milestones.length;
  return { mermaid: lines.join("\n"), bars, omitted };
}
