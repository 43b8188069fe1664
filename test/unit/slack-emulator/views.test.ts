// views.*: trigger_id rules, the modal stack, optimistic concurrency and the Home tab.
import { describe, expect, it } from "vitest";
import { harness, slackError } from "./harness.ts";

const plain = (text: string) => ({ type: "plain_text" as const, text });
const modal = (title = "Declare") => ({
  type: "modal" as const,
  callback_id: "declare",
  title: plain(title),
  submit: plain("Declare"),
  blocks: [
    {
      type: "input",
      block_id: "title",
      label: plain("Title"),
      element: { type: "plain_text_input", action_id: "value" },
    },
  ],
});

async function withClock() {
  let now = Date.UTC(2026, 0, 5, 9, 0, 0);
  const h = await harness({ now: () => now });
  const alice = h.emulator.addUser({ name: "alice" });
  return { ...h, alice, advance: (ms: number) => (now += ms) };
}

describe("views.open", () => {
  it("opens a modal for the trigger's user and returns the full view", async () => {
    const { emulator, client, alice } = await withClock();
    const trigger = emulator.issueTrigger(alice.id);
    expect(trigger).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    const result = await client.views.open({ trigger_id: trigger, view: modal() });
    const id = result.view?.id ?? "";
    expect(id).toMatch(/^V[0-9A-Z]{10}$/);
    expect(result.view).toMatchObject({
      type: "modal",
      callback_id: "declare",
      root_view_id: id,
      app_id: emulator.appId,
    });
    expect(emulator.view(id)).toMatchObject({
      user: alice.id,
      rootViewId: id,
      open: true,
      hash: result.view?.hash,
    });
    expect(emulator.views).toHaveLength(1);
  });

  it("accepts a trigger once", async () => {
    const { emulator, client, alice } = await withClock();
    const trigger = emulator.issueTrigger(alice.id);
    await client.views.open({ trigger_id: trigger, view: modal() });
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal() }))).toBe(
      "expired_trigger_id",
    );
    expect(emulator.views).toHaveLength(1);
    expect(emulator.violations).toEqual([]);
  });

  it("expires triggers after 3 seconds", async () => {
    const { emulator, client, alice, advance } = await withClock();
    const fresh = emulator.issueTrigger(alice.id);
    const stale = emulator.issueTrigger(alice.id);
    advance(3000);
    await expect(client.views.open({ trigger_id: fresh, view: modal() })).resolves.toMatchObject({
      ok: true,
    });
    advance(1);
    expect(await slackError(client.views.open({ trigger_id: stale, view: modal() }))).toBe(
      "expired_trigger_id",
    );
  });

  it("rejects made-up triggers, and treats a missing one or a bad view as a violation", async () => {
    const { emulator, client, alice } = await withClock();
    expect(await slackError(client.views.open({ trigger_id: "1.2.3", view: modal() }))).toBe(
      "invalid_trigger_id",
    );
    expect(emulator.violations).toEqual([]);
    expect(await slackError(client.apiCall("views.open", { view: modal() }))).toBe("invalid_arguments");
    const trigger = emulator.issueTrigger(alice.id);
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal("x".repeat(25)) }))).toBe(
      "invalid_arguments",
    );
    expect(emulator.violations).toHaveLength(2);
    // A rejected view does not use up the trigger.
    await expect(client.views.open({ trigger_id: trigger, view: modal() })).resolves.toMatchObject({
      ok: true,
    });
  });
});

describe("views.push", () => {
  it("allows two pushes on a stack, and push_limit_reached on the third", async () => {
    const { emulator, client, alice } = await withClock();
    const root = await client.views.open({
      trigger_id: emulator.issueTrigger(alice.id),
      view: modal("Root"),
    });
    const first = await client.views.push({
      trigger_id: emulator.issueTrigger(alice.id),
      view: modal("One"),
    });
    await client.views.push({ trigger_id: emulator.issueTrigger(alice.id), view: modal("Two") });
    expect(first.view?.root_view_id).toBe(root.view?.id);
    expect(first.view?.previous_view_id).toBe(root.view?.id);
    expect(
      await slackError(
        client.views.push({ trigger_id: emulator.issueTrigger(alice.id), view: modal("Three") }),
      ),
    ).toBe("push_limit_reached");
    expect(emulator.views).toHaveLength(3);
    expect(emulator.violations.map((v) => v.error)).toEqual(["push_limit_reached"]);
  });
});

describe("views.update", () => {
  it("updates by view_id or external_id and honours hash", async () => {
    const { emulator, client, alice } = await withClock();
    const opened = await client.views.open({
      trigger_id: emulator.issueTrigger(alice.id),
      view: { ...modal(), external_id: "incident-7" },
    });
    const id = opened.view?.id ?? "";
    const oldHash = opened.view?.hash ?? "";
    const updated = await client.views.update({ view_id: id, hash: oldHash, view: modal("Step 2") });
    expect(updated.view?.hash).not.toBe(oldHash);
    expect(emulator.view(id)?.view.title).toMatchObject({ text: "Step 2" });
    expect(await slackError(client.views.update({ view_id: id, hash: oldHash, view: modal("Stale") }))).toBe(
      "hash_conflict",
    );
    await client.views.update({ external_id: "incident-7", view: modal("Step 3") });
    expect(emulator.view(id)?.view.title).toMatchObject({ text: "Step 3" });
    expect(await slackError(client.views.update({ view_id: "V0000000000", view: modal() }))).toBe(
      "not_found",
    );
    expect(emulator.violations).toEqual([]);
  });
});

describe("views.publish", () => {
  it("publishes a Home tab per user, up to 100 blocks", async () => {
    const { emulator, client, alice } = await withClock();
    const blocks = Array.from({ length: 100 }, () => ({ type: "divider" }));
    await client.views.publish({ user_id: alice.id, view: { type: "home", blocks } });
    expect(emulator.homeView(alice.id)?.view.blocks).toHaveLength(100);
    expect(
      await slackError(
        client.views.publish({
          user_id: alice.id,
          view: { type: "home", blocks: [...blocks, { type: "divider" }] },
        }),
      ),
    ).toBe("invalid_arguments");
    expect(
      await slackError(client.views.publish({ user_id: "U0000000000", view: { type: "home", blocks: [] } })),
    ).toBe("user_not_found");
    expect(emulator.homeView(alice.id)?.view.blocks).toHaveLength(100);
  });
});
