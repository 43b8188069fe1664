// Every Block Kit rule the emulator enforces, on both sides of its limit.
import { describe, expect, it } from "vitest";
import { checkMessage, checkView } from "../../support/slack-emulator/block-kit-rules.ts";
import type { RuleIssue } from "../../support/slack-emulator/errors.ts";

const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const x = (n: number) => "x".repeat(n);
const section = (text: string) => ({ type: "section", text: mrkdwn(text) });
const divider = { type: "divider" };
const button = (overrides: Record<string, unknown> = {}) => ({
  type: "button",
  text: plain("Go"),
  action_id: "go",
  ...overrides,
});
const actions = (elements: unknown[]) => ({ type: "actions", elements });
const options = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ text: plain(`Option ${i}`), value: `v${i}` }));
const select = (opts: unknown[]) => ({
  type: "static_select",
  action_id: "pick",
  placeholder: plain("Pick"),
  options: opts,
});
const input = (element: unknown, label = "Label") => ({
  type: "input",
  block_id: "in",
  label: plain(label),
  element,
});
const textInput = (overrides: Record<string, unknown> = {}) => ({
  type: "plain_text_input",
  action_id: "text",
  ...overrides,
});
const modal = (overrides: Record<string, unknown> = {}) => ({
  type: "modal",
  title: plain("Declare"),
  submit: plain("Go"),
  blocks: [section("hi")],
  ...overrides,
});
const msg = (blocks: unknown[]) => checkMessage({ text: "fallback", blocks });

/** Blocks whose JSON is exactly `size` characters long. */
function blocksOfJsonSize(size: number): unknown[] {
  const blocks: Record<string, unknown>[] = [];
  const overhead = JSON.stringify([section("")]).length;
  let remaining = size;
  while (remaining > 0) {
    const block = section(x(Math.min(2500, remaining - overhead - (blocks.length > 0 ? 1 : 0))));
    blocks.push(block);
    remaining = size - JSON.stringify(blocks).length;
    if (remaining > 0 && remaining < overhead + 2) {
      // Too little room for another block: lengthen the last one instead.
      const last = blocks[blocks.length - 1] as { text: { text: string } };
      last.text.text += x(remaining);
      remaining = 0;
    }
  }
  expect(JSON.stringify(blocks).length).toBe(size);
  return blocks;
}

interface Rule {
  rule: string;
  ok: () => RuleIssue[];
  bad: () => RuleIssue[];
  error: string;
}

const rules: Rule[] = [
  {
    rule: "message blocks ≤ 50",
    ok: () => msg(Array(50).fill(divider)),
    bad: () => msg(Array(51).fill(divider)),
    error: "invalid_blocks",
  },
  {
    rule: "view blocks ≤ 100",
    ok: () => checkView(modal({ blocks: Array(100).fill(divider) })),
    bad: () => checkView(modal({ blocks: Array(101).fill(divider) })),
    error: "invalid_arguments",
  },
  {
    rule: "section text ≤ 3000",
    ok: () => msg([section(x(3000))]),
    bad: () => msg([section(x(3001))]),
    error: "invalid_blocks",
  },
  {
    rule: "section fields ≤ 10",
    ok: () => msg([{ type: "section", fields: Array(10).fill(mrkdwn("f")) }]),
    bad: () => msg([{ type: "section", fields: Array(11).fill(mrkdwn("f")) }]),
    error: "invalid_blocks",
  },
  {
    rule: "section field ≤ 2000",
    ok: () => msg([{ type: "section", fields: [mrkdwn(x(2000))] }]),
    bad: () => msg([{ type: "section", fields: [mrkdwn(x(2001))] }]),
    error: "invalid_blocks",
  },
  {
    rule: "header text ≤ 150",
    ok: () => msg([{ type: "header", text: plain(x(150)) }]),
    bad: () => msg([{ type: "header", text: plain(x(151)) }]),
    error: "invalid_blocks",
  },
  {
    rule: "header text is plain_text",
    ok: () => msg([{ type: "header", text: plain("Incident") }]),
    bad: () => msg([{ type: "header", text: mrkdwn("*Incident*") }]),
    error: "invalid_blocks",
  },
  {
    rule: "context elements ≤ 10",
    ok: () => msg([{ type: "context", elements: Array(10).fill(mrkdwn("c")) }]),
    bad: () => msg([{ type: "context", elements: Array(11).fill(mrkdwn("c")) }]),
    error: "invalid_blocks",
  },
  {
    rule: "actions elements ≤ 25",
    ok: () => msg([actions(Array.from({ length: 25 }, (_, i) => button({ action_id: `a${i}` })))]),
    bad: () => msg([actions(Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })))]),
    error: "invalid_blocks",
  },
  {
    rule: "button text ≤ 75",
    ok: () => msg([actions([button({ text: plain(x(75)) })])]),
    bad: () => msg([actions([button({ text: plain(x(76)) })])]),
    error: "invalid_blocks",
  },
  {
    rule: "button value ≤ 2000",
    ok: () => msg([actions([button({ value: x(2000) })])]),
    bad: () => msg([actions([button({ value: x(2001) })])]),
    error: "invalid_blocks",
  },
  {
    rule: "action_id ≤ 255",
    ok: () => msg([actions([button({ action_id: x(255) })])]),
    bad: () => msg([actions([button({ action_id: x(256) })])]),
    error: "invalid_blocks",
  },
  {
    rule: "block_id ≤ 255",
    ok: () => msg([{ ...divider, block_id: x(255) }]),
    bad: () => msg([{ ...divider, block_id: x(256) }]),
    error: "invalid_blocks",
  },
  {
    rule: "block_id unique within a message",
    ok: () =>
      msg([
        { ...divider, block_id: "a" },
        { ...divider, block_id: "b" },
      ]),
    bad: () =>
      msg([
        { ...divider, block_id: "a" },
        { ...divider, block_id: "a" },
      ]),
    error: "invalid_blocks",
  },
  {
    rule: "block_id unique within a view",
    ok: () =>
      checkView(
        modal({
          blocks: [
            { ...divider, block_id: "a" },
            { ...divider, block_id: "b" },
          ],
        }),
      ),
    bad: () =>
      checkView(
        modal({
          blocks: [
            { ...divider, block_id: "a" },
            { ...divider, block_id: "a" },
          ],
        }),
      ),
    error: "invalid_arguments",
  },
  {
    rule: "action_id unique within a block (may repeat across blocks)",
    ok: () => msg([actions([button()]), actions([button()])]),
    bad: () => msg([actions([button(), button()])]),
    error: "invalid_blocks",
  },
  {
    rule: "static_select options ≤ 100",
    ok: () => msg([actions([select(options(100))])]),
    bad: () => msg([actions([select(options(101))])]),
    error: "invalid_blocks",
  },
  {
    rule: "option text ≤ 75",
    ok: () => msg([actions([select([{ text: plain(x(75)), value: "v" }])])]),
    bad: () => msg([actions([select([{ text: plain(x(76)), value: "v" }])])]),
    error: "invalid_blocks",
  },
  {
    rule: "option value ≤ 75",
    ok: () => msg([actions([select([{ text: plain("t"), value: x(75) }])])]),
    bad: () => msg([actions([select([{ text: plain("t"), value: x(76) }])])]),
    error: "invalid_blocks",
  },
  {
    rule: "input label ≤ 2000",
    ok: () => checkView(modal({ blocks: [input(textInput(), x(2000))] })),
    bad: () => checkView(modal({ blocks: [input(textInput(), x(2001))] })),
    error: "invalid_arguments",
  },
  {
    rule: "modal title ≤ 24",
    ok: () => checkView(modal({ title: plain(x(24)) })),
    bad: () => checkView(modal({ title: plain(x(25)) })),
    error: "invalid_arguments",
  },
  {
    rule: "modal submit ≤ 24",
    ok: () => checkView(modal({ submit: plain(x(24)) })),
    bad: () => checkView(modal({ submit: plain(x(25)) })),
    error: "invalid_arguments",
  },
  {
    rule: "modal close ≤ 24",
    ok: () => checkView(modal({ close: plain(x(24)) })),
    bad: () => checkView(modal({ close: plain(x(25)) })),
    error: "invalid_arguments",
  },
  {
    rule: "submit required when a modal has inputs",
    ok: () => checkView(modal({ blocks: [input(textInput())] })),
    bad: () => checkView(modal({ blocks: [input(textInput())], submit: undefined })),
    error: "invalid_arguments",
  },
  {
    rule: "callback_id ≤ 255",
    ok: () => checkView(modal({ callback_id: x(255) })),
    bad: () => checkView(modal({ callback_id: x(256) })),
    error: "invalid_arguments",
  },
  {
    rule: "private_metadata ≤ 3000",
    ok: () => checkView(modal({ private_metadata: x(3000) })),
    bad: () => checkView(modal({ private_metadata: x(3001) })),
    error: "invalid_arguments",
  },
  {
    rule: "plain_text_input max_length ≤ 3000",
    ok: () => checkView(modal({ blocks: [input(textInput({ max_length: 3000 }))] })),
    bad: () => checkView(modal({ blocks: [input(textInput({ max_length: 3001 }))] })),
    error: "invalid_arguments",
  },
  {
    rule: "plain_text_input initial_value ≤ 3000",
    ok: () => checkView(modal({ blocks: [input(textInput({ initial_value: x(3000) }))] })),
    bad: () => checkView(modal({ blocks: [input(textInput({ initial_value: x(3001) }))] })),
    error: "invalid_arguments",
  },
  {
    rule: "message text ≤ 4000 (the bot's promise)",
    ok: () => checkMessage({ text: x(4000) }),
    bad: () => checkMessage({ text: x(4001) }),
    error: "msg_too_long",
  },
  {
    rule: "blocks JSON ≤ 13,000 characters",
    ok: () => msg(blocksOfJsonSize(13_000)),
    bad: () => msg(blocksOfJsonSize(13_001)),
    error: "msg_blocks_too_long",
  },
  {
    rule: "text object type is plain_text or mrkdwn",
    ok: () => msg([{ type: "section", text: { type: "mrkdwn", text: "hi" } }]),
    bad: () => msg([{ type: "section", text: { type: "markdown", text: "hi" } }]),
    error: "invalid_blocks",
  },
  {
    rule: "text object text is non-empty",
    ok: () => msg([{ type: "section", text: plain(" ") }]),
    bad: () => msg([{ type: "section", text: plain("") }]),
    error: "invalid_blocks",
  },
  {
    rule: "known block types only",
    ok: () => msg([divider]),
    bad: () => msg([{ type: "banner", text: plain("hi") }]),
    error: "invalid_blocks",
  },
];

describe("Block Kit rules", () => {
  it.each(rules)("$rule", ({ ok, bad, error }) => {
    expect(ok()).toEqual([]);
    const issues = bad();
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((issue) => issue.error)).toContain(error);
  });

  it("reports text over 40,000 as Slack truncation, not just the bot's promise", () => {
    const [issue] = checkMessage({ text: x(40_001) });
    expect(issue?.error).toBe("msg_too_long");
    expect(issue?.reason).toMatch(/Slack truncates/);
  });

  it("points at the offending field with a JSON pointer", () => {
    const issues = msg([divider, actions([button({ text: plain(x(76)) })])]);
    expect(issues).toEqual([expect.objectContaining({ pointer: "/blocks/1/elements/0/text/text" })]);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(msg([{ type: "header", text: plain("🔥".repeat(150)) }])).toEqual([]);
  });

  it("rejects an initial_option that is not one of the options", () => {
    const opts = options(3);
    expect(msg([actions([{ ...select(opts), initial_option: opts[1] }])])).toEqual([]);
    const stray = { text: plain("other"), value: "other" };
    expect(msg([actions([{ ...select(opts), initial_option: stray }])])).not.toEqual([]);
  });

  it("requires the view type a method expects", () => {
    expect(checkView({ type: "home", blocks: [] }, "home")).toEqual([]);
    expect(checkView({ type: "home", blocks: [] }, "modal")).not.toEqual([]);
    expect(checkView({ type: "modal", blocks: [] })).toEqual([
      expect.objectContaining({ pointer: "/view/title" }),
    ]);
  });
});
