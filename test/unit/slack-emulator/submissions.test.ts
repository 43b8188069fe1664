// What Slack does with the app's answer to a view_submission, and closing modals.
import { describe, expect, it } from "vitest";
import { payloadOf, setup } from "./fake-app.ts";

const plain = (text: string) => ({ type: "plain_text" as const, text });
const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: "modal" as const,
  title: plain(title),
  submit: plain("Next"),
  blocks: [
    {
      type: "input",
      block_id: "note",
      label: plain("Note"),
      element: { type: "plain_text_input", action_id: "v" },
    },
  ],
  ...extra,
});

/** A fake app answering every request with `answers[i]` (empty ack when out of answers). */
async function withAnswers(answers: unknown[]) {
  let i = 0;
  const h = await setup(() => {
    const answer = answers[i++];
    return answer === undefined
      ? { status: 200, body: "" }
      : { status: 200, body: JSON.stringify(answer), type: "application/json" };
  });
  const opened = await h.client.views.open({
    trigger_id: h.emulator.issueTrigger(h.alice.id),
    view: modal("Step 1"),
  });
  return { ...h, root: h.emulator.view(opened.view?.id ?? "")! };
}

describe("view_submission answers", () => {
  it("closes the view on an empty ack", async () => {
    const { driver, emulator, root } = await withAnswers([]);
    await driver.submitView({ view: root, values: { note: { v: "done" } } });
    expect(emulator.view(root.id)?.open).toBe(false);
    await expect(driver.submitView({ view: root, values: { note: { v: "again" } } })).rejects.toThrow(
      /closed/,
    );
  });

  it("updates the view in place on response_action update", async () => {
    const { driver, emulator, root } = await withAnswers([
      { response_action: "update", view: modal("Step 2") },
    ]);
    const hash = root.hash;
    await driver.submitView({ view: root, values: { note: { v: "x" } } });
    expect(emulator.view(root.id)).toMatchObject({ open: true, view: { title: { text: "Step 2" } } });
    expect(emulator.view(root.id)?.hash).not.toBe(hash);
  });

  it("pushes a view on response_action push, and clears the stack on clear", async () => {
    const { driver, emulator, root } = await withAnswers([
      { response_action: "push", view: modal("Step 2") },
      { response_action: "clear" },
    ]);
    await driver.submitView({ view: root, values: { note: { v: "x" } } });
    const pushed = emulator.views[1]!;
    expect(pushed).toMatchObject({ rootViewId: root.id, previousViewId: root.id, open: true });
    await driver.submitView({ view: pushed, values: { note: { v: "y" } } });
    expect(emulator.views.map((v) => v.open)).toEqual([false, false]);
    expect(emulator.violations).toEqual([]);
  });

  it("records answers Slack would reject as violations", async () => {
    const { driver, emulator, root } = await withAnswers([
      { response_action: "errors", errors: { nope: "bad" } },
      { response_action: "update", view: modal("x".repeat(30)) },
    ]);
    await driver.submitView({ view: root, values: { note: { v: "x" } } });
    await driver.submitView({ view: root, values: { note: { v: "x" } } });
    expect(emulator.violations.map((v) => [v.method, v.error])).toEqual([
      ["view_submission", "invalid_response"],
      ["view_submission", "invalid_arguments"],
    ]);
    expect(emulator.view(root.id)?.open).toBe(true);
  });
});

describe("closing a modal", () => {
  it("tells the app only when the view asked for notify_on_close", async () => {
    const { driver, emulator, client, alice, app, root } = await withAnswers([]);
    expect(await driver.closeView({ view: root })).toBeUndefined();
    expect(app.requests).toHaveLength(0);
    const opened = await client.views.open({
      trigger_id: emulator.issueTrigger(alice.id),
      view: modal("Notify me", { notify_on_close: true, callback_id: "watch" }),
    });
    const result = await driver.closeView({ view: opened.view?.id ?? "" });
    expect(result?.status).toBe(200);
    expect(payloadOf(app.requests[0]!)).toMatchObject({
      type: "view_closed",
      view: { callback_id: "watch" },
    });
    expect(emulator.view(opened.view?.id ?? "")?.open).toBe(false);
  });
});
