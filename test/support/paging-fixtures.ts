// A paging set-up for end-to-end tests: a targets file naming the handoff world's people and
// teams (test/support/handoff-fixtures.ts), routing keys the PagerDuty emulator accepts, the
// real bot started with them and the pager emulator (startPagingBot), and the reply a command
// got (in the HTTP answer, or later through its response_url).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestBot, type TestBot } from "./bot-harness.ts";
import { eventually } from "./eventually.ts";
import { MANAGERS_GROUP, PEOPLE, seedPeople } from "./handoff-fixtures.ts";
import { type PagerEmulator, type PagerName, startPagerEmulator } from "./pager-emulator/index.ts";
import type { DriverResponse } from "./slack-driver.ts";
import { startSlackEmulator } from "./slack-emulator/index.ts";

export const DEFAULT_ROUTING_KEY = "d3fau1tr0ut1ngkey0000000000000aa";
export const MANAGERS_ROUTING_KEY = "manager5r0ut1ngkey00000000000bbb";

export const TARGETS_YAML = `teams:
  - name: incident-managers
    pagerduty: ${MANAGERS_ROUTING_KEY}
    opsgenie: Incident Managers
    slackGroup: ${MANAGERS_GROUP}
  - name: database
    opsgenie: Database SRE
people:
  - slack: ${PEOPLE.aoife.id}
    email: aoife@example.com
  - slack: ${PEOPLE.sam.id}
    email: sam@example.com
leadership: incident-managers
`;

export function writeTargetsFile(text: string = TARGETS_YAML): string {
  const file = join(mkdtempSync(join(tmpdir(), "pager-targets-")), "targets.yml");
  writeFileSync(file, text);
  return file;
}

export interface PagingBot {
  t: TestBot;
  pagers: PagerEmulator;
  /** #general, with Riley in it: where the tests declare. */
  general: string;
}

/**
 * The real bot with the handoff world's people, TARGETS_YAML and DEFAULT_ROUTING_KEY, talking
 * to the pager emulator through `pagers`; `env` adds to that (PAGE_ON_SEV…). Stop with
 * stopPagingBot.
 */
export async function startPagingBot(
  options: { pagers?: PagerName[]; env?: Record<string, string> } = {},
): Promise<PagingBot> {
  const emulator = await startSlackEmulator();
  seedPeople(emulator);
  const pagers = await startPagerEmulator();
  const t = await startTestBot({
    emulator,
    env: {
      PAGER_TARGETS_FILE: writeTargetsFile(),
      PAGERDUTY_ROUTING_KEY: DEFAULT_ROUTING_KEY,
      ...pagers.env(options.pagers),
      ...options.env,
    },
  });
  const general = t.emulator.addChannel({ name: "general", members: [PEOPLE.riley.id] }).id;
  return { t, pagers, general };
}

export async function stopPagingBot({ t, pagers }: Pick<PagingBot, "t" | "pagers">): Promise<void> {
  await t.stop();
  await t.emulator.stop();
  await pagers.stop();
}

/** What the person who typed a command was told. */
export async function replyText(t: TestBot, response: DriverResponse): Promise<string> {
  const direct = (response.json as { text?: string } | undefined)?.text;
  if (direct) return direct;
  return eventually(() => {
    const [answer] = t.emulator.responsesTo(response.responseUrl ?? "") as { text?: string }[];
    if (!answer?.text) throw new Error("no reply yet");
    return answer.text;
  });
}

export async function health(t: Pick<TestBot, "url">): Promise<Record<string, unknown>> {
  const response = await fetch(`${t.url}/healthz`);
  return (await response.json()) as Record<string, unknown>;
}
