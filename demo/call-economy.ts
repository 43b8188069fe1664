// Slack call economy: how many Web API calls of each kind the bot made for the scenario, and
// the fewest a bot could make for the same scenario while doing what the product promises
// (a pinned summary per channel kept current, an announcement, a recovery board, handoff
// messages, reminders, updates mirrored to stakeholders). The benchmark reports one against
// the other; a ratio above 1 is work beyond the minimum.
//
// The minimum is computed from the scenario's own contents, not from what the bot did: this
// file replays the scenario on a small model of the incident (its state, who is in which
// channel, what each state message shows) and applies the rules in MINIMUM_RULES. When things
// fall due on their own (handoff prompts, escalations, update reminders, long-duty nudges) the
// model asks the same pure rules the bot documents (src/domain/rotation, src/domain/handoff,
// src/domain/timeline/reminder-schedule.ts), so "when" is the scenario's and "how many calls"
// is this file's.
import { loadConfig, type ReminderCadence } from "../src/config.ts";
import { parseCommand } from "../src/domain/command/dispatch.ts";
import type { DeclareArgs } from "../src/domain/command/verbs/declare.ts";
import type { ServiceArgs } from "../src/domain/command/verbs/service.ts";
import type { WorkstreamArgs } from "../src/domain/command/verbs/workstream.ts";
import { acceptDeadline, escalationIntervalMs } from "../src/domain/handoff/state.ts";
import { changesBetween, teamAt } from "../src/domain/rotation/duty.ts";
import { DEFAULT_ACCEPT_WITHIN_MS, type Rotation } from "../src/domain/rotation/types.ts";
import { nextReminderDue } from "../src/domain/timeline/reminder-schedule.ts";
import { ALL_VERBS } from "../src/slack/listeners/commands/index.ts";
import type { CallRecord } from "../test/support/slack-emulator/types.ts";
import type { Scenario, ScenarioStep } from "./load-scenario.ts";

/** conversations.invite: "Invites 1-1000 users" per call (Slack method reference). */
const INVITES_PER_CALL = 1000;

/** Why each minimum is what it is (printed by the benchmark, documented in the README). */
export const MINIMUM_RULES: Record<string, string> = {
  "auth.test": "the bot learns its own identity once",
  "conversations.create":
    "one per channel the scenario opens (the incident's, each workstream's with --channel)",
  "conversations.setPurpose": "one per incident channel",
  "conversations.setTopic":
    "one per channel when it opens, then one per step that changes what its topic shows (severity, status, commander; a workstream's status and lead)",
  "conversations.invite":
    "per step and channel, ⌈people the bot must bring in who are not members yet / 1000⌉ (Slack takes up to 1000 per call) (declarer and rotation shift on duty, workstream creator and lead, role holders, invites with user groups expanded, Join clicks, each incoming holder of a handoff); people who join a public channel themselves need none",
  "usergroups.users.list": "one per distinct user group whose members must be invited",
  "users.info": "one per distinct person the bot names (topics, postmortem): names are kept once learnt",
  "chat.postMessage":
    "one summary per channel, one announcement, one recovery board; per status update one post plus one reply in the announcement's thread; per handoff one message, one brief DM to the incoming holder, one message per escalation; one per update reminder and per long-duty nudge. Event lines, confirmations and courtesy DMs are extra",
  "chat.update":
    "per step, one per state message (pinned summaries, announcement, recovery board, handoff messages) whose shown content that step changes (the announcement shows the latest status update)",
  "pins.add": "one per pinned summary (one per channel), one per recovery board",
  "reactions.add": "one ✅ per message pinned to the timeline with 📌",
  "conversations.history": "one per 📌 pin: reaction events do not carry the message's text",
  "chat.getPermalink":
    "one per 📌 pin (the timeline links to the message), one per recovery board (the summary links to it)",
  "views.open": "one per form the scenario fills in (handoff briefs, Post update from a reminder, close)",
  "files.getUploadURLExternal":
    "two per postmortem draft (at close and per /incident postmortem): the draft and its full timeline file",
  "files.completeUploadExternal": "one per postmortem draft: both files in one message",
};

export function callsByMethod(calls: readonly CallRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.method] = (counts[call.method] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

interface Handoff {
  id: number;
  /** "incident" or a workstream name. */
  scope: string;
  toUserId: string;
  boundaryAt: Date | null;
  promptedAt: Date;
  acceptBy: Date;
  rotation: Rotation | null;
  escalations: number;
  state: "prompted" | "briefed" | "accepted";
}

interface Term {
  userId: string;
  since: Date;
}

class IncidentModel {
  readonly counts = new Map<string, number>();
  /** Updates per state message (summary, announcement, board, topic:us1, card:2…). */
  readonly updatesByMessage = new Map<string, number>();
  readonly #shown = new Map<string, string>();
  readonly #members = new Map<string, Set<string>>();
  readonly #groups = new Set<string>();
  readonly #named = new Set<string>();
  declared = false;
  isPrivate = false;
  severity = 3;
  status = "investigating";
  declaredAt: Date | null = null;
  lastUpdateAt: Date | null = null;
  /** Status updates posted: the announcement shows the latest one. */
  updates = 0;
  lastReminder: { dueAt: Date; sentAt: Date } | null = null;
  /** Role → current holder (commander, comms, …); workstream leads live on the workstream. */
  readonly roles = new Map<string, Term>();
  readonly workstreams = new Map<string, { status: string; lead: Term | null; channel: boolean }>();
  readonly services = new Map<string, { state: string; note: string; region: string; phase: string }>();
  readonly milestones = new Set<string>();
  rotation: Rotation | null = null;
  /** Handoff prompts are computed for boundaries after this instant. */
  promptedThrough: Date | null = null;
  readonly handoffs: Handoff[] = [];
  readonly #nudged = new Map<string, number>();

  constructor(
    private readonly scenario: Scenario,
    readonly cadence: ReminderCadence,
  ) {
    for (const [key, members] of scenario.channels) this.#members.set(key, new Set(members));
  }

  add(method: string, n = 1): void {
    if (n > 0) this.counts.set(method, (this.counts.get(method) ?? 0) + n);
  }

  get open(): boolean {
    return this.declared && ["investigating", "identified", "monitoring"].includes(this.status);
  }

  name(...ids: (string | null | undefined)[]): void {
    for (const id of ids) if (id && /^[UW]/.test(id)) this.#named.add(id);
  }

  namedCount(): number {
    return this.#named.size;
  }

  // ── Channels and people ────────────────────────────────────────────────

  members(channel: string): Set<string> {
    let set = this.#members.get(channel);
    if (!set) {
      set = new Set();
      this.#members.set(channel, set);
    }
    return set;
  }

  /** People (and user groups, expanded) the bot brings into `channel` in one step. */
  invite(channel: string, ids: string[]): void {
    const people = new Set<string>();
    for (const id of ids) {
      if (id.startsWith("S")) {
        this.#groups.add(id);
        const team = [...this.scenario.teams.values()].find((t) => t.usergroupId === id);
        for (const member of team?.members ?? []) people.add(member.id);
      } else people.add(id);
    }
    const members = this.members(channel);
    const newcomers = [...people].filter((id) => !members.has(id));
    for (const id of newcomers) members.add(id);
    this.add("conversations.invite", Math.ceil(newcomers.length / INVITES_PER_CALL));
  }

  groupsExpanded(): number {
    return this.#groups.size;
  }

  openChannel(incident: boolean): void {
    this.add("conversations.create");
    this.add("conversations.setTopic");
    if (incident) this.add("conversations.setPurpose");
    this.add("chat.postMessage"); // its pinned summary
    this.add("pins.add");
  }

  // ── What the state messages show ───────────────────────────────────────

  #commander(): string {
    return this.roles.get("commander")?.userId ?? "";
  }

  #tally(): string {
    const rows = [...this.services.values()];
    const done = (phase: string) =>
      rows.filter((r) => r.phase === phase && ["recovered", "operational"].includes(r.state)).length;
    const all = (phase: string) => rows.filter((r) => r.phase === phase).length;
    return `${done("live")}/${all("live")} ${done("backfill")}/${all("backfill")}`;
  }

  /** Each state message that exists now, with what it shows (a change means one update). */
  displays(): Map<string, string> {
    const shown = new Map<string, string>();
    if (!this.declared) return shown;
    const workstreams = [...this.workstreams].map(([n, w]) => `${n}:${w.status}:${w.lead?.userId ?? ""}`);
    const roles = [...this.roles].map(([role, term]) => `${role}:${term.userId}`).sort();
    shown.set(
      "summary",
      // The summary links the board and says how many rows it has.
      JSON.stringify([
        this.severity,
        this.status,
        roles,
        workstreams,
        [...this.milestones].sort(),
        this.services.size,
      ]),
    );
    shown.set("topic", JSON.stringify([this.severity, this.status, this.#commander()]));
    if (!this.isPrivate && this.scenario.announceChannel)
      shown.set(
        "announcement",
        JSON.stringify([
          this.severity,
          this.status,
          this.#commander(),
          this.#tally(),
          [...this.workstreams].map(([n, w]) => `${n}:${w.status}`),
          this.updates,
        ]),
      );
    if (this.services.size)
      shown.set("board", JSON.stringify([...this.services].map(([k, s]) => `${k}=${s.state}:${s.note}`)));
    for (const [name, w] of this.workstreams) {
      if (!w.channel) continue;
      const rows = [...this.services].filter(([, s]) => s.region === name).map(([k, s]) => `${k}=${s.state}`);
      shown.set(`summary:${name}`, JSON.stringify([w.status, w.lead?.userId ?? "", this.severity, rows]));
      shown.set(`topic:${name}`, JSON.stringify([w.status, w.lead?.userId ?? "", this.severity]));
    }
    for (const h of this.handoffs) shown.set(`card:${h.id}`, `${h.state}:${h.escalations}`);
    return shown;
  }

  /** Counts one update per state message whose shown content changed since the last step. */
  commit(): void {
    for (const [key, value] of this.displays()) {
      const before = this.#shown.get(key);
      this.#shown.set(key, value);
      // A new message was posted (and counted) when its state came to exist.
      if (before === undefined || before === value) continue;
      this.add(key.startsWith("topic") ? "conversations.setTopic" : "chat.update");
      this.updatesByMessage.set(key, (this.updatesByMessage.get(key) ?? 0) + 1);
    }
  }

  // ── Roles ──────────────────────────────────────────────────────────────

  /** Long-duty nudges already sent for a role term. */
  nudgedCount(term: string): number {
    return this.#nudged.get(term) ?? 0;
  }

  setNudged(term: string, count: number): void {
    this.#nudged.set(term, count);
  }

  setRole(role: string, userId: string, at: Date): void {
    const current = this.roles.get(role);
    if (current?.userId === userId) return;
    this.roles.set(role, { userId, since: at });
    this.name(userId);
  }
}

/** A step's channel: `incident`, a workstream's name, or a seeded channel key. */
const whereOf = (step: ScenarioStep) => step.in ?? "incident";

export function minimumCalls(scenario: Scenario): Record<string, number> {
  return economyModel(scenario).minimum;
}

/** The minimum per method, and the updates it counts per state message (for the curious). */
export function economyModel(scenario: Scenario): {
  minimum: Record<string, number>;
  updatesByMessage: Record<string, number>;
} {
  const cadence = loadConfig({ SLACK_BOT_TOKEN: "xoxb-model", SLACK_SIGNING_SECRET: "model" }).incidents
    .reminderCadence;
  const model = new IncidentModel(scenario, cadence);
  model.add("auth.test");
  let handoffIds = 0;

  const promptHandoff = (
    at: Date,
    scope: string,
    toUserId: string,
    boundaryAt: Date | null,
    rotation: Rotation | null,
  ) => {
    model.add("chat.postMessage"); // the handoff message
    model.invite(scope, [toUserId]);
    model.name(toUserId);
    model.handoffs.push({
      id: ++handoffIds,
      scope,
      toUserId,
      boundaryAt,
      promptedAt: at,
      acceptBy: acceptDeadline(boundaryAt, at, rotation?.acceptWithinMs ?? DEFAULT_ACCEPT_WITHIN_MS),
      rotation,
      escalations: 0,
      state: "prompted",
    });
  };

  /** What falls due on its own at or before `until`, in time order (the bot's scheduler). */
  const advance = (until: Date) => {
    for (let guard = 0; guard < 10_000; guard++) {
      const due: { at: Date; run: () => void }[] = [];
      if (model.open && model.rotation && model.promptedThrough) {
        const rotation = model.rotation;
        const from = model.promptedThrough;
        const change = changesBetween(
          rotation,
          { role: "commander" },
          new Date(from.getTime() + rotation.promptBeforeMs),
          new Date(until.getTime() + rotation.promptBeforeMs),
        )[0];
        if (change) {
          const at = new Date(change.boundaryAt.getTime() - rotation.promptBeforeMs);
          due.push({
            at,
            run: () => {
              model.promptedThrough = at;
              if (model.roles.get("commander")?.userId !== change.toUserId)
                promptHandoff(at, "incident", change.toUserId, change.boundaryAt, rotation);
            },
          });
        }
      }
      for (const h of model.handoffs) {
        if (h.state === "accepted" || !h.rotation || !model.open) continue;
        const interval = escalationIntervalMs(h);
        const at = new Date(h.acceptBy.getTime() + h.escalations * interval);
        due.push({
          at,
          run: () => {
            h.escalations++;
            model.add("chat.postMessage"); // the escalation, mentioning the contact and the incoming holder
          },
        });
      }
      const reminder = model.declaredAt
        ? nextReminderDue(
            {
              status: model.status,
              severity: model.severity,
              declaredAt: model.declaredAt,
              lastUpdateAt: model.lastUpdateAt,
              snoozedUntil: null,
              lastReminder: model.lastReminder,
            },
            model.cadence,
          )
        : null;
      if (reminder)
        due.push({
          at: reminder,
          run: () => {
            model.lastReminder = { dueAt: reminder, sentAt: reminder };
            model.add("chat.postMessage");
          },
        });
      if (model.open && model.rotation) {
        const maxMs = model.rotation.maxShiftHours * 3_600_000;
        for (const [role, term] of model.roles) {
          const key = `${role}:${term.userId}:${term.since.getTime()}`;
          const nudged = model.nudgedCount(key);
          const at = new Date(term.since.getTime() + (nudged + 1) * maxMs);
          const underWay =
            role === "commander" &&
            model.handoffs.some((h) => h.scope === "incident" && h.state !== "accepted");
          if (!underWay)
            due.push({
              at,
              run: () => {
                model.setNudged(key, nudged + 1);
                model.add("chat.postMessage");
              },
            });
        }
      }
      const next = due.filter((d) => d.at <= until).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
      if (!next) break;
      next.run();
      model.commit();
    }
    if (model.rotation && model.open) model.promptedThrough = until;
  };

  for (const step of scenario.steps) {
    if (step.action.kind === "phase") continue;
    advance(step.at);
    applyStep(model, scenario, step, promptHandoff);
    model.commit();
  }
  const minimum = Object.fromEntries(model.counts);
  minimum["usergroups.users.list"] = model.groupsExpanded();
  minimum["users.info"] = model.namedCount();
  return {
    minimum: Object.fromEntries(
      Object.entries(minimum)
        .filter(([, n]) => n > 0)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
    updatesByMessage: Object.fromEntries(model.updatesByMessage),
  };
}

type PromptHandoff = (
  at: Date,
  scope: string,
  toUserId: string,
  boundaryAt: Date | null,
  rotation: Rotation | null,
) => void;

function applyStep(
  model: IncidentModel,
  scenario: Scenario,
  step: ScenarioStep,
  prompt: PromptHandoff,
): void {
  const actor = step.as?.id;
  const where = whereOf(step);
  const action = step.action;
  model.name(actor);
  // Typing in, or pressing a button in, a public channel: people join it themselves.
  if (actor && (action.kind === "command" || action.kind === "say") && model.declared)
    model.members(where).add(actor);
  switch (action.kind) {
    case "say":
      if (action.pinBy && (where === "incident" || model.workstreams.get(where)?.channel)) {
        model.members(where).add(action.pinBy.id);
        model.name(actor);
        model.add("reactions.add");
        model.add("conversations.history");
        model.add("chat.getPermalink");
      }
      return;
    case "join": {
      const joining = action.team.members
        .filter((m) => !model.members("incident").has(m.id))
        .slice(0, action.count)
        .map((m) => m.id);
      model.invite("incident", joining);
      model.name(...joining);
      return;
    }
    case "brief": {
      const handoff = model.handoffs.findLast((h) => h.scope === where && h.state !== "accepted");
      model.add("views.open");
      if (handoff) {
        if (handoff.state === "prompted") model.add("chat.postMessage"); // the brief, DMed to the incoming holder
        handoff.state = "briefed";
      }
      return;
    }
    case "accept": {
      const handoff = model.handoffs.findLast((h) => h.toUserId === actor && h.state !== "accepted");
      if (!handoff || !actor) return;
      handoff.state = "accepted";
      if (handoff.scope === "incident") model.setRole("commander", actor, step.at);
      else {
        const w = model.workstreams.get(handoff.scope);
        if (w) w.lead = { userId: actor, since: step.at };
      }
      return;
    }
    case "answerReminder":
      model.add("views.open");
      postUpdate(model, scenario, step.at);
      return;
    case "close":
      model.add("views.open");
      model.status = "closed";
      model.add("files.getUploadURLExternal");
      model.add("files.getUploadURLExternal");
      model.add("files.completeUploadExternal");
      return;
    case "tick":
      return;
    case "command":
      break;
  }
  if (action.kind !== "command") return;
  // Done by form: the form is opened for the person (then the same change as typed).
  if (action.byForm) model.add("views.open");
  const { verb, args } = parseCommand(ALL_VERBS, action.text, "help");
  const workstream = model.workstreams.has(where) ? where : null;
  switch (verb.name) {
    case "declare": {
      const a = args as DeclareArgs;
      model.declared = true;
      model.declaredAt = step.at;
      model.isPrivate = a.isPrivate;
      model.severity = a.severity;
      model.milestones.add("declared");
      model.setRole("commander", actor ?? "", step.at);
      model.openChannel(true);
      if (!a.isPrivate) model.add("chat.postMessage"); // the announcement
      const invitees = [actor ?? ""];
      const rotation = a.rotation ? scenario.rotations.find((r) => r.name === a.rotation) : undefined;
      if (rotation) {
        model.rotation = rotation;
        model.promptedThrough = step.at;
        const team = teamAt(rotation, step.at);
        invitees.push(...team.commanders, ...team.deputies, ...Object.values(team.leads), ...team.members);
        model.name(...team.commanders, ...team.deputies, ...team.members);
      }
      model.invite("incident", invitees);
      return;
    }
    case "sev":
      model.severity = (args as { severity: number }).severity;
      return;
    case "status": {
      const status = (args as { status: string }).status;
      const w = workstream ? model.workstreams.get(workstream) : undefined;
      if (w) w.status = status;
      else {
        model.status = status;
        if (status === "resolved") model.milestones.add("resolved");
      }
      return;
    }
    case "role": {
      const { role, userId } = args as { role: string; userId: string };
      model.setRole(role, userId, step.at);
      model.invite("incident", [userId]);
      return;
    }
    case "invite": {
      const { userIds, groupIds } = args as { userIds: string[]; groupIds: string[] };
      model.name(...userIds);
      model.invite(where, [...userIds, ...groupIds]);
      return;
    }
    case "workstream": {
      const a = args as WorkstreamArgs;
      if (a.action === "add") {
        model.workstreams.set(a.name, {
          status: "investigating",
          lead: a.leadId ? { userId: a.leadId, since: step.at } : null,
          channel: a.withChannel,
        });
        model.name(a.leadId);
        if (a.withChannel) {
          model.openChannel(false);
          model.invite(a.name, [actor ?? "", ...(a.leadId ? [a.leadId] : [])]);
        }
      } else if (a.action === "lead") {
        const w = model.workstreams.get(a.name);
        if (w) w.lead = { userId: a.leadId, since: step.at };
        model.name(a.leadId);
        if (w?.channel) model.invite(a.name, [a.leadId]);
      } else {
        const w = model.workstreams.get(a.name);
        if (w) w.status = a.status;
      }
      return;
    }
    case "service": {
      const a = args as ServiceArgs;
      const first = model.services.size === 0;
      model.services.set(`${a.service}|${a.region}|${a.phase}`, {
        state: a.state,
        note: a.note,
        region: a.region,
        phase: a.phase,
      });
      if (first) {
        model.add("chat.postMessage"); // the recovery board
        model.add("pins.add"); // pinned, so later posts do not bury it
        model.add("chat.getPermalink"); // linked from the pinned summary
      }
      return;
    }
    case "milestone":
      model.milestones.add((args as { name: string }).name);
      return;
    case "update":
      postUpdate(model, scenario, step.at);
      return;
    case "action":
      model.name((args as { ownerId: string | null }).ownerId);
      return;
    case "handoff": {
      const a = args as { toUserId: string; workstream: string | null };
      const scope = a.workstream ?? "incident";
      prompt(step.at, scope, a.toUserId, null, scope === "incident" ? model.rotation : null);
      return;
    }
    case "close":
      model.add("views.open");
      return;
    case "postmortem":
      model.add("files.getUploadURLExternal");
      model.add("files.getUploadURLExternal");
      model.add("files.completeUploadExternal");
      return;
    default:
      // note, timeline, roles, list, shifts, help…: recorded or answered privately, nothing to post.
      return;
  }
}

function postUpdate(model: IncidentModel, scenario: Scenario, at: Date): void {
  model.lastUpdateAt = at;
  model.updates++;
  model.add("chat.postMessage"); // in the channel it was typed in
  if (!model.isPrivate && scenario.announceChannel) model.add("chat.postMessage"); // the announcement's thread
}
