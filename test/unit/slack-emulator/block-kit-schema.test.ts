import { describe, expect, it } from "vitest";
import { Checker } from "../../support/slack-emulator/block-kit-checker.ts";
import { checkBlocksAgainstSchema } from "../../support/slack-emulator/block-kit-schema.ts";
import { checkMessage, checkView, SlackEmulator } from "../../support/slack-emulator/index.ts";
import { newSlackViolations } from "../../support/slack-violations.ts";
import { harness, slackError } from "./harness.ts";

function schemaIssues(blocks: unknown[]): string[] {
  const c = new Checker("invalid_blocks");
  checkBlocksAgainstSchema(c, blocks, "/blocks");
  return c.issues.map((i) => `${i.pointer} ${i.reason}`);
}

const button = { type: "button", text: { type: "plain_text", text: "Go" }, action_id: "go" };

describe("the outside Block Kit schema", () => {
  it("accepts well-formed blocks", () => {
    expect(
      schemaIssues([
        { type: "header", text: { type: "plain_text", text: "INC-1" } },
        { type: "section", text: { type: "mrkdwn", text: "*hi*" } },
        { type: "actions", elements: [button] },
        { type: "context", elements: [{ type: "mrkdwn", text: "x" }] },
        { type: "divider" },
      ]),
    ).toEqual([]);
  });

  it("names the field at fault in blocks our own rules let through", () => {
    // A button style Slack does not know, and a field no section has.
    const issues = schemaIssues([
      { type: "actions", elements: [{ ...button, style: "blue" }] },
      { type: "section", text: { type: "mrkdwn", text: "x" }, colour: "red" },
    ]);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^\/blocks\/0 .*actions block.*style/);
    expect(issues[1]).toMatch(/^\/blocks\/1 .*section block.*colour/);
  });

  it("fails chat messages and views that only the schema rejects", () => {
    const bad = [{ type: "section", text: { type: "mrkdwn", text: "x" }, colour: "red" }];
    expect(checkMessage({ text: "t", blocks: bad }).map((i) => i.error)).toEqual(["invalid_blocks"]);
    const view = { type: "modal", title: { type: "plain_text", text: "T" }, blocks: bad };
    expect(checkView(view, "modal").map((i) => i.error)).toEqual(["invalid_arguments"]);
  });
});

describe("failing the e2e test that sent a refused payload", () => {
  it("reports each emulator's new violations once, including stopped emulators", async () => {
    newSlackViolations(); // whatever earlier tests in this worker left
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    const bad = [{ type: "section", text: { type: "mrkdwn", text: "x" }, colour: "red" }];
    // biome-ignore lint/suspicious/noExplicitAny: a payload the SDK's types rightly refuse
    const blocks = bad as any;
    expect(await slackError(client.chat.postMessage({ channel: channel.id, text: "t", blocks }))).toBe(
      "invalid_blocks",
    );
    await emulator.stop();
    const fresh = newSlackViolations();
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatch(
      /^chat\.postMessage: invalid_blocks — outside Block Kit schema rejects this section block.*colour/,
    );
    expect(newSlackViolations()).toEqual([]);
    expect(SlackEmulator.started()).not.toContain(emulator);
  });
});
