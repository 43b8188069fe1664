// A paging set-up for end-to-end tests: a targets file naming the handoff world's people and
// teams (test/support/handoff-fixtures.ts), routing keys the PagerDuty emulator accepts, and
// the reply a command got (in the HTTP answer, or later through its response_url).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestBot } from "./bot-harness.ts";
import { eventually } from "./eventually.ts";
import { MANAGERS_GROUP, PEOPLE } from "./handoff-fixtures.ts";
import type { DriverResponse } from "./slack-driver.ts";

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
