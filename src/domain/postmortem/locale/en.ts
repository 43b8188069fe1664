// The draft's English phrases: the source of every key. A locale's catalogue (ko.ts) must
// have the same shape, so a phrase missing there is a type error. Phrases are trusted text;
// anything typed by people is passed in already escaped by the renderer.
import { ACCESS_WORDS_EN } from "../../timeline/access-record.ts";
import type { EntryPhrases } from "./entry-phrases.ts";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const en = {
  /** The built-in template's headings (builtin-template.ts). */
  headings: {
    impactChronologyResponse: "Impact, chronology and response",
    incidentAndImpact: "Incident and impact",
    chronology: "Chronology",
    response: "Response",
    rootCause: "Root cause",
    recovery: "Recovery",
    lessons: "Lessons learned",
    actionItems: "Action items",
    closing: "In closing",
    appendix: "Appendix",
    metrics: "Metrics",
    shifts: "Shifts",
    gantt: "Status and command over time",
    timeline: "Full timeline",
  },
  /** "1d 3h 38m": units after the numbers, joined by spaces. */
  duration: { day: "d", hour: "h", minute: "m", second: "s", joiner: " " },
  severity: (sev: number, name: string) => `SEV${sev} (${name})`,
  severityNames: { 1: "critical", 2: "major", 3: "moderate", 4: "minor" } as Record<number, string>,
  /**
   * The bot's own state words (incident and workstream status, recovery-board states, handoff
   * and action-item states) as the draft shows them; English shows them as stored.
   */
  word: (value: string): string => value,
  list: (items: string[]) =>
    items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : (items[0] ?? ""),
  plural,
  none: "—",
  end: "end",
  ongoing: "ongoing",
  allRegions: "all regions",
  time: (label: string) => `${label}`,
  timeColumn: "Time",
  header: {
    incident: "Incident",
    privateIncident: "private incident",
    peak: "Peak severity",
    atTheEnd: (sev: string) => `${sev} at the end`,
    status: "Status",
    dates: "Dates",
    duration: "Duration",
    durationSpan: (duration: string, fromImpact: boolean, toResolution: boolean) =>
      `${duration}, from ${fromImpact ? "impact start" : "declaration"} to ${toResolution ? "resolution" : "closure"}`,
    notOver: "not over yet",
    commanders: "Incident commanders",
    incidentPage: "Incident page",
    generated: "Generated",
    generatedNote: (at: string) =>
      `${at} from the incident's timeline. This is a draft: correct it, then answer the prompts in italics.`,
    declaredSummary: "Summary at declaration",
  },
  impact: {
    regionColumns: ["Region or workstream", "Workstream status", "Leads", "Services on the recovery board"],
    notWorkstream: "not a workstream",
    noRegions: "No regions or workstreams were recorded. Name the regions affected.",
    servicesAffected: "Services affected",
    noServices: "none recorded; list them.",
    began: "Impact began",
    ended: "Impact ended",
    backfill: "Historical data complete",
    fromBoard: "last backfill recovered on the recovery board",
    milestone: "milestone",
    notRecorded: "not recorded; add it with",
    noBackfill: "no backfill was recorded",
    customerImpact: "Customer impact",
    customerPrompt:
      "Not written yet: who was affected, what did they see, for how long, and what did they lose (data, alerts, money)?",
  },
  chronology: {
    columns: ["Moment", "Details", "By"],
    nothing: "Nothing was recorded.",
  },
  response: {
    responders: "Responders",
    roles: "Roles",
    workstreams: "Workstreams and leads",
    shifts: "Shifts and handoffs",
    updates: "Status updates",
    ledger: "Severity ledger",
    duty: "Time on duty",
    pages: "Pages",
    pagesSummary: (n: number, acknowledged: number, median: string | null) =>
      `**${plural(n, "page")}** went out beyond Slack; ${acknowledged} acknowledged${median ? `, median time to acknowledge ${median}` : ""}.`,
    pageColumns: ["Paged", "Why", "Acknowledged after", "Resolved", "Refused by"],
    acknowledgedBy: (name: string) => ` by ${name}`,
    notAcknowledged: "not acknowledged",
    tookPart: (people: string, acted: number, held: number, present: number, detail: string) =>
      `**${people}** took part: ${acted} acted (wrote an update, a note or a pin, or changed something), ${held} held a role, ${present} were present${detail ? ` (${detail})` : ""}.`,
    people: (n: number) => plural(n, "person", "people"),
    invited: (n: number) => `${n} invited`,
    viaGroups: (n: number, groups: number) => `${n} of them through ${plural(groups, "user group")}`,
    joined: (n: number) => `${n} joined by themselves`,
    groupsNotCounted: (groups: string) =>
      `The members of ${groups} were not recorded when invited, so they are not counted.`,
    userGroups: (n: number) => plural(n, "user group"),
    noRoles: "No roles were recorded.",
    roleColumns: ["Role", "Person", "From", "To", "Time in role"],
    byHandoff: " (by handoff)",
    noWorkstreams: "No workstreams: the incident was run as one.",
    workstreamColumns: ["Workstream", "Status", "Leads (from)", "Opened", "Resolved"],
    shiftColumns: ["Shift", "Incident commander", "From", "To", "Length"],
    noHandoffs: "No structured handoffs were recorded.",
    handoffs: (n: number) => plural(n, "handoff"),
    medianAccept: (d: string) => `median time to accept ${d}`,
    slowest: (d: string, role: string) => `slowest ${d} (${role})`,
    escalated: (n: number) => (n ? `${n} escalated` : "none escalated"),
    neverAccepted: (n: number) => `${n} never accepted`,
    handoffColumns: ["Role", "From", "To", "Due", "Accepted", "Time to accept", "Escalations"],
    byHand: " (by hand)",
    acceptedBy: (name: string) => ` by ${name}`,
    notAccepted: (state: string) => `not accepted (${state})`,
    noUpdates: "No status updates were posted with /incident update. Were stakeholders told some other way?",
    updatesWentOut: (n: number) => `**${plural(n, "status update")}** went out`,
    firstAfter: (d: string, at: string) => `the first ${d} after the declaration (${at})`,
    longestGap: (d: string, from: string, to: string) =>
      `the longest gap between two was ${d} (${from} → ${to})`,
    noSeverity: "No severity was recorded.",
    ledgerColumns: ["Severity", "By", "Reason"],
    declared: "declared",
    dutyColumns: ["Person", "Time holding a role"],
    andMore: (n: number) => `…and ${n} more (see the JSON export).`,
  },
  cadence: {
    broken: (n: number) => `**The update cadence was broken ${n === 1 ? "once" : `${n} times`}.**`,
    kept: "The update cadence was kept in every severity period.",
    period: (sev: string, from: string, to: string, every: string, updates: number, breaches: number) =>
      `${sev} ${from} → ${to}, an update due every ${every}: ${plural(updates, "update")}, ${
        breaches ? plural(breaches, "breach", "breaches") : "no breach"
      }`,
    breach: (
      silence: string,
      from: string,
      to: string,
      due: string,
      late: string,
      periodEnded: string | null,
    ) =>
      `${silence} without an update, ${from} → ${to}: due ${due}, ${late} late${periodEnded ? ` (no update before the ${periodEnded} period ended)` : ""}`,
    tableIntro:
      "Status-update cadence breaches (silence from the last update, or the declaration, to the next update or the end of the severity period):",
    columns: ["Severity", "Cadence", "Silent from", "Until", "Silence", "Late by"],
  },
  notes: {
    tagged: (hasStatement: boolean, what: "root-cause" | "lessons") =>
      `${hasStatement ? "Notes" : `No ${what} statement was given at close; notes`} tagged in the timeline:`,
    nothingYet: "Nothing was recorded yet. Tag notes during the incident with",
    orAnswer: ", or answer:",
    in: (workstream: string) => `in ${workstream}`,
  },
  recovery: {
    unused:
      "The recovery board was not used. Describe when each region and service recovered, live data first, then historical data.",
    since: (fromImpact: boolean) =>
      `Times in brackets are since ${fromImpact ? "impact began" : "the declaration"}.`,
    byRegion: "By region and workstream",
    regionColumns: [
      "Region or workstream",
      "Workstream",
      "First sign of recovery",
      "Live data recovered",
      "Backfill complete",
      "Regressions",
      "Not recovered yet",
    ],
    backfillOpen: (list: string) => `backfill: ${list}`,
    byService: "By service",
    serviceColumns: [
      "Service",
      "Region",
      "Data",
      "First reported",
      "Worst",
      "Recovering",
      "Recovered",
      "Regressions",
      "Now",
    ],
    live: "live",
    backfill: "backfill",
    regressions: "Regressions",
    regressionsIntro: "Each time something that had recovered broke again:",
    regressionColumns: [
      "Broke again",
      "Service",
      "Region",
      "Data",
      "Had recovered",
      "Now",
      "Reported by",
      "Note",
    ],
    noRegressions: "No regressions: nothing that recovered broke again.",
  },
  actions: {
    none: "No action items yet. Add them with",
    orHere: ", or here.",
    columns: ["#", "Action", "Owner", "Status", "Added"],
    unassigned: "_unassigned_",
    added: (at: string, by: string) => `${at} by ${by}`,
  },
  metrics: {
    columns: ["Metric", "From", "To", "Value"],
    outOfOrder: " (out of order: check these milestones)",
    noneMeasured: "No metric could be measured: the moments below were not recorded.",
    missingIntro: "Not measured, because these moments were not recorded:",
    neededFor: (milestone: string, metrics: string, how: string) =>
      `${milestone}, needed for ${metrics}: ${how}`,
    noUpdate: "no status update was posted with",
    notResolved: "the incident is not resolved yet",
    firstResolution: (n: number) =>
      `The incident was resolved ${n} times (reopened in between): time to resolve is measured to the first resolution; every resolution and reopen is in the chronology.`,
    names: {
      "Time to detect": "Time to detect",
      "Time to declare": "Time to declare",
      "Time to first update": "Time to first update",
      "Time to mitigate": "Time to mitigate",
      "Time to resolve": "Time to resolve",
    } as Record<string, string>,
  },
  shifts: {
    none: "No shifts were recorded.",
    heading: (n: number, who: string, from: string, to: string, length: string) =>
      `Shift ${n}: ${who}, ${from} → ${to} (${length})`,
    stats: (entries: number, updates: number, severity: number) =>
      `${plural(entries, "timeline entry", "timeline entries")}, ${plural(updates, "status update")}, ${plural(severity, "severity change")}.`,
    handedTo: (who: string) => ` Handed to ${who}.`,
    brief: (by: string | null, at: string | null) =>
      `Handoff brief${by ? ` by ${by}` : ""}${at ? ` at ${at}` : ""}:`,
    noBrief: "No handoff brief was written for this shift change.",
    workstreamHandoffs: "Workstream handoffs during this shift:",
    fields: {
      currentState: "Current state",
      triedOrRuledOut: "Tried or ruled out",
      openActions: "Open actions",
      risks: "Risks to watch",
      nextCheckpoint: "Next checkpoint",
    },
    inline: {
      currentState: "state",
      triedOrRuledOut: "tried",
      openActions: "open actions",
      risks: "risks",
      nextCheckpoint: "next checkpoint",
    },
    leftEmpty: "_(left empty)_",
  },
  gantt: {
    incident: "Incident",
    command: "Command",
    lead: (name: string) => `lead ${name}`,
    omitted: (n: number) =>
      `${n} more bars were left out to keep the chart readable; the tables above have every row.`,
  },
  access: {
    heading: "Access record",
    intro:
      "Who was added to this private incident's channels, by whom and when: one row per action (the timeline has each one).",
    empty: "Nobody was added to this private incident's channels.",
    columns: ["Added", "By"],
    words: ACCESS_WORDS_EN,
  },
  timeline: {
    empty: "The timeline is empty.",
    header: (n: number) =>
      `${plural(n, "entry", "entries")}, in the order things happened (entries added later with a time in the past are marked).`,
    columns: ["Who", "Where", "What"],
    /** Who did what the bot did on its own (reminders, prompts). */
    bot: "incident bot",
    joinedRun: (people: number, lastAt: string | null) =>
      `${people} people joined by themselves${lastAt ? `, the last at ${lastAt}` : ""}`,
    tagged: (tag: string) => `tagged ${tag}`,
    recorded: (at: string) => `recorded ${at}`,
    message: "message",
    shown: (shown: number, total: number) => `**This draft shows ${shown} of the ${total} timeline rows**`,
    omittedGroup: (shown: number, total: number, group: string) =>
      shown ? `${shown} of the ${total} ${group}` : `none of the ${total} ${group}`,
    /** When the draft shows every row: the file still goes with it, for spreadsheets and tools. */
    file: (file: string) =>
      `Every entry is also in the file ${file} posted with this draft (CSV, for spreadsheets and tools).`,
    omitted: (shown: string, groups: string, file: string) =>
      `${shown} to stay readable: every row of the kinds not named here, and ${groups} (spread evenly over the incident). The full timeline, every entry, is the file ${file} posted with this draft.`,
    groups: {
      "state changes": "state changes",
      "tagged notes": "tagged notes",
      "status updates": "status updates",
      "recovery-board changes": "recovery-board changes",
      notes: "notes",
      "pinned messages": "pinned messages",
      "handoff steps": "handoff steps",
      "other entries": "other entries",
    } as Record<string, string>,
  },
  /** The summary paragraph at the top of the draft, from the recorded facts only. */
  summary: {
    /** "a, b and c", or "a, b, c and 4 more" past `max` names. */
    names: (names: string[], max = 5) => {
      if (names.length <= 1) return names.join("");
      const shown = names.length > max ? [...names.slice(0, max), `${names.length - max} more`] : names;
      return `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
    },
    what: (
      number: number,
      title: string,
      sev: string,
      regions: string[],
      services: string[],
      names: (n: string[]) => string,
    ) => {
      let what = `INC-${number} "${title}" was a ${sev} incident`;
      if (regions.length)
        what += ` affecting ${plural(regions.length, "region or workstream", "regions and workstreams")} (${names(regions)})`;
      if (services.length)
        what += `${regions.length ? " and" : " affecting"} ${plural(services.length, "service")} (${names(services)})`;
      return `${what}.`;
    },
    began: (impact: string, detected: string | null, declared: string) =>
      `Impact began at ${impact}${detected ? `, was detected at ${detected}` : ""}, and the incident was declared at ${declared}.`,
    declared: (declared: string, detected: string | null) =>
      `The incident was declared at ${declared}${detected ? ` after being detected at ${detected}` : ""}; no impact start was recorded.`,
    resolved: (mitigated: string | null, resolved: string, duration: string, fromImpact: boolean) =>
      `${mitigated ? `It was mitigated at ${mitigated} and resolved` : "It was resolved"} at ${resolved}, ${duration} after ${fromImpact ? "impact began" : "it was declared"}.`,
    mitigated: (at: string) => `It was mitigated at ${at}.`,
    still: (status: string) => `It was still ${status} when this draft was generated.`,
    backfill: (at: string) => `Historical data was complete again at ${at}.`,
    who: (people: number, shifts: number, commanders: number, updates: number) => {
      let who = `${plural(people, "person", "people")} responded`;
      if (shifts > 1) who += ` across ${shifts} shifts`;
      if (commanders > 1) who += ` under ${commanders} incident commanders`;
      return `${who}${updates ? `, and ${plural(updates, "status update")} went out.` : "; no status updates were posted."}`;
    },
  },
  /** Words the builder puts into the document (and so into the JSON export too). */
  build: {
    roles: {
      commander: "incident commander",
      comms: "communications lead",
      scribe: "scribe",
      ops: "operations lead",
      lead: "lead",
    } as Record<string, string>,
    roleOf: (role: string) => `${role} of `,
    /** Someone whose name the bot could not look up (never shown by raw ID). */
    unnamedPerson: "someone without a known name",
    userGroup: (label: string | null) => (label ? `user group ${label}` : "a user group"),
    milestones: {
      "impact-started": "Impact started",
      detected: "Detected",
      declared: "Declared",
      mitigated: "Mitigated",
      "impact-ended": "Impact ended",
      resolved: "Resolved",
      "backfill-complete": "Backfill complete",
      closed: "Closed",
    } as Record<string, string>,
    milestone: (name: string) => `Milestone ${name}`,
    earlierResolution: (n: number) => `Resolved (resolution ${n}, reopened later)`,
    declaredAs: (sev: string) => `as ${sev}`,
    correctedFrom: (at: string) => `(corrected from ${at}`,
    by: " by ",
    escalated: (to: number, down: boolean) => `${down ? "De-escalated" : "Escalated"} to SEV${to}`,
    status: (to: string) => `Status: ${to}`,
    reopened: "Reopened",
    firstUpdate: "First status update",
    keyUpdate: "Key status update",
    firstCause: "First note on the cause",
    commandHandedOver: "Command handed over",
    fromTo: ["from ", " to "] as [string, string],
    someone: "someone",
    firstRecovery: (region: string | null) => `First recovery${region ? ` in ${region}` : " (all regions)"}`,
    liveBack: "Live data back everywhere",
    backfillComplete: (region: string | null) =>
      `Backfill complete${region ? ` in ${region}` : " (all regions)"}`,
    theLastWas: "the last was ",
    inRegion: " in ",
    backfillPhase: " (backfill)",
    regression: "Regression",
    recoveredThen: [": recovered, then ", " again"] as [string, string],
    rootCausePrompts: [
      "What changed? (a deploy, a configuration or certificate, traffic, a dependency, an automated process)",
      "Why was it not caught before it reached customers? (tests, canaries, alerts, reviews)",
      "Why was the blast radius what it was? (why these regions and services, and not others)",
    ],
    lessonsPrompts: [
      "What went well, and should be kept?",
      "What went wrong or was slower than it should have been?",
      "Where did we get lucky?",
    ],
    closingPrompt:
      "Write a short closing paragraph for the people this incident affected: what happened in one sentence, " +
      "what it cost them, what we have already changed, and what we will change next (with the action items " +
      "above). Keep it plain; this is the part most readers quote.",
  },
  /** Timeline entries in this language; null: the timeline's own (English) describers. */
  entries: null as EntryPhrases | null,
};

export type Catalogue = typeof en;
