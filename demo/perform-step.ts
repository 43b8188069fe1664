// Carries out one scenario step the way a person in Slack would: a slash command typed in a
// channel, a message written and pinned with a reaction, a button pressed on a message the bot
// actually posted, a form the bot actually opened filled in and submitted. Everything reaches
// the bot as the signed HTTP request Slack would send. A step the bot refuses (a warning
// reply, a form error) stops the demo with the bot's own words, so a scenario edit that does
// not make sense is caught.
import { setTimeout as sleep } from "node:timers/promises";
import { parseCommand } from "../src/domain/command/dispatch.ts";
import { ACTIONS, CONTROL_ACTIONS, HANDOFF_INPUTS, INPUTS, VIEWS } from "../src/slack/ids.ts";
import { ALL_VERBS } from "../src/slack/listeners/commands/index.ts";
import type { DriverResponse } from "../test/support/slack-driver.ts";
import type { MessageRecord, ViewRecord } from "../test/support/slack-emulator/types.ts";
import { interactiveElements, type UserInput } from "../test/support/slack-emulator/view-state.ts";
import type { DemoApp } from "./demo-app.ts";
import { formStep } from "./form-steps.ts";
import type { Scenario, ScenarioPerson, ScenarioStep } from "./load-scenario.ts";

export class StepError extends Error {
  constructor(step: ScenarioStep, scenario: Scenario, message: string) {
    super(`step ${step.number} (${scenario.file}:${step.line}): ${message}`);
    this.name = "StepError";
  }
}

export interface StepOutcome {
  /** One short line for the progress list. */
  summary: string;
}

/** Button presses by many people (Join) go out this many at a time, like a crowd clicking. */
const CLICK_CONCURRENCY = 8;
const WAIT_MS = 10_000;

const hasButton = (message: { blocks?: unknown[] }, actionId: string) =>
  interactiveElements(message.blocks).some((e) => e.element.action_id === actionId);

function firstLine(text: string, max = 90): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function replyText(response: DriverResponse): string {
  const json = response.json as { text?: unknown } | undefined;
  return typeof json?.text === "string" ? json.text : response.body;
}

/** Bot replies that refuse what was asked start with :warning: or :x: (src/slack/present-error.ts). */
const isRefusal = (text: string) => /^:(warning|x):/.test(text.trim());

export class StepRunner {
  constructor(
    private readonly app: DemoApp,
    private readonly scenario: Scenario,
  ) {}

  async perform(step: ScenarioStep): Promise<StepOutcome> {
    const fail = (message: string): never => {
      throw new StepError(step, this.scenario, message);
    };
    const person = step.as;
    const action = step.action;
    switch (action.kind) {
      case "phase":
        return { summary: action.title };
      case "tick":
        return { summary: action.what };
      case "command": {
        if (!person) return fail("a command needs `as`");
        const channel = await this.channel(step, step.in ?? "incident", fail);
        // Slack lets people type only in channels they are in: they join a public one first.
        await this.ensureMember(channel, person);
        if (action.byForm) return this.byForm(step, person, channel, action, fail);
        const response = await this.app.driver.command(action.text, { user: person.id, channel });
        if (response.status !== 200) fail(`the bot answered HTTP ${response.status}: ${response.body}`);
        const reply = replyText(response);
        if (isRefusal(reply)) fail(`the bot refused /incident ${firstLine(action.typed, 60)}: ${reply}`);
        await this.app.settle();
        return { summary: `${person.key}: /incident ${firstLine(action.typed, 80)}` };
      }
      case "say": {
        if (!person) return fail("a message needs `as`");
        const channel = await this.channel(step, step.in ?? "incident", fail);
        await this.ensureMember(channel, person);
        const message = this.app.emulator.postAsUser(channel, person.id, action.text);
        if (action.pinBy) {
          await this.ensureMember(channel, action.pinBy);
          const response = await this.app.driver.reactionAdded({
            user: action.pinBy.id,
            channel,
            ts: message.ts,
          });
          if (response.status !== 200) fail(`the bot answered HTTP ${response.status} to the 📌 reaction`);
          await this.app.settle();
          // The bot acknowledges a pin with a ✅ reaction (through its outbox).
          await this.until(step, "the bot to acknowledge the 📌 pin with ✅", () =>
            Boolean(
              this.app.emulator.message(channel, message.ts)?.reactions.get("white_check_mark")?.length,
            ),
          );
        }
        return {
          summary: `${person.key} says "${firstLine(action.typed, 60)}"${action.pinBy ? ` — 📌 by ${action.pinBy.key}` : ""}`,
        };
      }
      case "brief":
        return this.brief(step, person, action.brief, fail);
      case "accept":
        return this.accept(step, person, fail);
      case "answerReminder":
        return this.answerReminder(step, person, action.text, fail);
      case "join":
        return this.join(step, action.team.members, action.count, action.team.key, fail);
      case "close":
        return this.close(step, person, action.answers, fail);
    }
  }

  /** The incident, for steps that act on it. */
  async incident() {
    return this.app.bot.deps.database.db.incident.findFirst({ orderBy: { number: "desc" } });
  }

  private async channel(step: ScenarioStep, key: string, fail: (m: string) => never): Promise<string> {
    if (key === this.scenario.announceChannel) return this.app.announceChannel;
    const seeded = this.app.channels.get(key);
    if (seeded) return seeded;
    const incident = await this.incident();
    if (!incident) return fail(`there is no incident yet for "${key}": declare one first`);
    if (key === "incident") {
      if (!incident.channelId) return fail("the incident's channel was not created");
      return incident.channelId;
    }
    const workstream = await this.app.bot.deps.database.db.workstream.findFirst({
      where: { incidentId: incident.id, name: key },
    });
    if (!workstream?.channelId)
      return fail(
        `workstream "${key}" has no channel (was it added with --channel before step ${step.number}?)`,
      );
    return workstream.channelId;
  }

  /** A person who is not in a (public) channel joins it before writing there. */
  private async ensureMember(channel: string, person: ScenarioPerson): Promise<void> {
    if (this.app.emulator.channel(channel)?.members.has(person.id)) return;
    await this.app.driver.memberJoined({ user: person.id, channel });
  }

  private async until<T>(step: ScenarioStep, what: string, check: () => T | undefined | false): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() - started > WAIT_MS)
        throw new StepError(step, this.scenario, `waited ${WAIT_MS / 1000}s for ${what}`);
      await sleep(5);
    }
  }

  /** Waits for the reply a button press gets at its response_url; refusals stop the demo. */
  private async answerTo(step: ScenarioStep, click: DriverResponse, what: string): Promise<string> {
    const url = click.responseUrl;
    if (!url) throw new StepError(step, this.scenario, `${what}: the click had no response_url`);
    const answer = await this.until(step, `the bot's answer to ${what}`, () => {
      const [first] = this.app.emulator.responsesTo(url) as { text?: string }[];
      return first;
    });
    const text = answer.text ?? "";
    if (isRefusal(text)) throw new StepError(step, this.scenario, `the bot refused ${what}: ${text}`);
    return text;
  }

  /** Waits for the modal a click or command opens for `user`. */
  private modal(step: ScenarioStep, before: number, user: string, callbackId: string): Promise<ViewRecord> {
    return this.until(step, `the ${callbackId} form to open`, () =>
      this.openedModal(before, user, callbackId),
    );
  }

  private openedModal(before: number, user: string, callbackId: string): ViewRecord | undefined {
    return this.app.emulator.views
      .slice(before)
      .find((v) => v.user === user && v.open && v.view.callback_id === callbackId);
  }

  private async submit(
    step: ScenarioStep,
    view: ViewRecord,
    values: Record<string, Record<string, UserInput>>,
    what: string,
  ): Promise<void> {
    const response = await this.app.driver.submitView({ view, values });
    if (response.status !== 200)
      throw new StepError(step, this.scenario, `${what}: the bot answered HTTP ${response.status}`);
    const answer = response.json as { response_action?: string; errors?: Record<string, string> } | undefined;
    if (answer?.response_action === "errors")
      throw new StepError(
        step,
        this.scenario,
        `the ${what} form was refused: ${Object.values(answer.errors ?? {}).join("; ")}`,
      );
    await this.app.settle();
  }

  private latestWith(messages: MessageRecord[], actionId: string): MessageRecord | undefined {
    return messages.findLast((m) => hasButton(m, actionId));
  }

  private async brief(
    step: ScenarioStep,
    person: ScenarioPerson | undefined,
    brief: Record<keyof typeof HANDOFF_INPUTS, string>,
    fail: (m: string) => never,
  ): Promise<StepOutcome> {
    if (!person) return fail("a brief needs `as` (the outgoing holder)");
    const channel = await this.channel(step, step.in ?? "incident", fail);
    const card = this.latestWith(this.app.emulator.messages(channel), ACTIONS.writeHandoff);
    if (!card) return fail("there is no handoff message with a Write handoff button in that channel");
    const before = this.app.emulator.views.length;
    const click = await this.app.driver.clickButton({
      user: person.id,
      message: card,
      actionId: ACTIONS.writeHandoff,
    });
    // The form opens, or a refusal comes back at the response_url instead.
    const opened = await this.until(
      step,
      "the handoff brief form to open",
      (): { view: ViewRecord } | { refusal: string } | undefined => {
        const view = this.openedModal(before, person.id, VIEWS.handoffBrief);
        if (view) return { view };
        const [answer] = this.app.emulator.responsesTo(click.responseUrl ?? "") as { text?: string }[];
        return answer ? { refusal: answer.text ?? "" } : undefined;
      },
    );
    if ("refusal" in opened) return fail(`the bot refused Write handoff: ${opened.refusal}`);
    const view = opened.view;
    const values = Object.fromEntries(
      (Object.keys(HANDOFF_INPUTS) as (keyof typeof HANDOFF_INPUTS)[]).map((field) => [
        HANDOFF_INPUTS[field].block,
        { [HANDOFF_INPUTS[field].action]: brief[field] },
      ]),
    );
    await this.submit(step, view, values, "handoff brief");
    return { summary: `${person.key} writes the handoff brief ("${firstLine(brief.currentState, 50)}")` };
  }

  /** A command done with the controls: the pinned summary's button (or ⋯ entry) and its form. */
  private async byForm(
    step: ScenarioStep,
    person: ScenarioPerson,
    channel: string,
    action: { text: string; typed: string },
    fail: (m: string) => never,
  ): Promise<StepOutcome> {
    const { verb, args } = parseCommand(ALL_VERBS, action.text, "help");
    const form = formStep(verb.name, args as Record<string, unknown>, this.app.bot.clock.now(), person.tz);
    const summary = this.app.emulator
      .messages(channel)
      .findLast((m) => m.pinned && hasButton(m, CONTROL_ACTIONS.severity));
    if (!summary) return fail("there is no pinned summary with controls in that channel");
    const before = this.app.emulator.views.length;
    let click: DriverResponse;
    if ("button" in form.press) {
      click = await this.app.driver.clickButton({
        user: person.id,
        message: summary,
        actionId: form.press.button,
      });
    } else {
      const entry = form.press.overflow;
      const option = interactiveElements(summary.blocks)
        .flatMap((e) =>
          e.element.action_id === CONTROL_ACTIONS.more ? (e.element.options as { value: string }[]) : [],
        )
        .find((o) => o.value.startsWith(`${entry}|`));
      if (!option) return fail(`the summary's ⋯ menu has no ${entry} entry`);
      click = await this.app.driver.selectOption({
        user: person.id,
        message: summary,
        actionId: CONTROL_ACTIONS.more,
        value: option.value,
      });
    }
    // The form opens, or a refusal comes back at the response_url instead.
    const opened = await this.until(
      step,
      `the ${form.callbackId} form to open`,
      (): { view: ViewRecord } | { refusal: string } | undefined => {
        const view = this.openedModal(before, person.id, form.callbackId);
        if (view) return { view };
        const [answer] = this.app.emulator.responsesTo(click.responseUrl ?? "") as { text?: string }[];
        return answer ? { refusal: answer.text ?? "" } : undefined;
      },
    );
    if ("refusal" in opened) return fail(`the bot refused the ${verb.name} button: ${opened.refusal}`);
    await this.submit(step, opened.view, form.values, verb.name);
    return { summary: `${person.key}: ${verb.name} by form (${firstLine(action.typed, 70)})` };
  }

  private async accept(
    step: ScenarioStep,
    person: ScenarioPerson | undefined,
    fail: (m: string) => never,
  ): Promise<StepOutcome> {
    if (!person) return fail("accept needs `as` (the incoming holder)");
    const dm = this.latestWith(this.app.emulator.dms(person.id), ACTIONS.acceptHandoff);
    if (!dm) return fail(`${person.key} has no direct message with an Accept button`);
    const click = await this.app.driver.clickButton({
      user: person.id,
      message: dm,
      actionId: ACTIONS.acceptHandoff,
    });
    const answer = await this.answerTo(step, click, "Accept");
    await this.app.settle();
    return { summary: `${person.key} accepts from a DM: ${firstLine(answer.replace(/^:\w+: /, ""), 70)}` };
  }

  private async answerReminder(
    step: ScenarioStep,
    person: ScenarioPerson | undefined,
    text: string,
    fail: (m: string) => never,
  ): Promise<StepOutcome> {
    if (!person) return fail("answerReminder needs `as`");
    const channel = await this.channel(step, "incident", fail);
    const reminder = this.latestWith(this.app.emulator.messages(channel), ACTIONS.postUpdate);
    if (!reminder) return fail("the bot has posted no update reminder in the incident channel");
    const before = this.app.emulator.views.length;
    await this.app.driver.clickButton({ user: person.id, message: reminder, actionId: ACTIONS.postUpdate });
    const view = await this.modal(step, before, person.id, VIEWS.postUpdate);
    await this.submit(
      step,
      view,
      { [INPUTS.updateText.block]: { [INPUTS.updateText.action]: text } },
      "update",
    );
    return { summary: `${person.key} answers the reminder with the Post update form` };
  }

  private async join(
    step: ScenarioStep,
    members: ScenarioPerson[],
    count: number,
    team: string,
    fail: (m: string) => never,
  ): Promise<StepOutcome> {
    const incident = await this.incident();
    if (!incident?.channelId) return fail("there is no incident channel to join yet");
    const announcement = this.latestWith(
      this.app.emulator.messages(this.app.announceChannel),
      ACTIONS.joinIncident,
    );
    if (!announcement) return fail("the announcement has no Join button");
    const inChannel = this.app.emulator.channel(incident.channelId)?.members ?? new Set<string>();
    const joining = members.filter((m) => !inChannel.has(m.id)).slice(0, count);
    if (joining.length < count)
      fail(`team ${team} has only ${joining.length} people left who are not in the incident channel`);
    const queue = [...joining];
    await Promise.all(
      Array.from({ length: CLICK_CONCURRENCY }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const click = await this.app.driver.clickButton({
            user: next.id,
            message: announcement,
            actionId: ACTIONS.joinIncident,
          });
          await this.answerTo(step, click, `Join (${next.key})`);
        }
      }),
    );
    await this.app.settle();
    return { summary: `${joining.length} people of ${team} press Join on the announcement` };
  }

  private async close(
    step: ScenarioStep,
    person: ScenarioPerson | undefined,
    answers: { rootCause: string; customerImpact: string; lessons: string },
    fail: (m: string) => never,
  ): Promise<StepOutcome> {
    if (!person) return fail("close needs `as` (the commander)");
    const channel = await this.channel(step, step.in ?? "incident", fail);
    const before = this.app.emulator.views.length;
    const response = await this.app.driver.command("close", { user: person.id, channel });
    const reply = replyText(response);
    if (isRefusal(reply)) fail(`the bot refused /incident close: ${reply}`);
    const view = await this.modal(step, before, person.id, VIEWS.close);
    await this.submit(
      step,
      view,
      {
        [INPUTS.rootCause.block]: { [INPUTS.rootCause.action]: answers.rootCause },
        [INPUTS.customerImpact.block]: { [INPUTS.customerImpact.action]: answers.customerImpact },
        [INPUTS.lessons.block]: { [INPUTS.lessons.action]: answers.lessons },
      },
      "close",
    );
    return { summary: `${person.key} closes the incident with the close form` };
  }
}
