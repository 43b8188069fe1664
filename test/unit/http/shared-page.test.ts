// One status page read serves every view for STATUS_PAGE_CACHE: views during a read wait for
// it, views within the period get its page, each kind of body is rendered once per read, and
// a failed read is not kept. Time is a counter the test moves.
import { describe, expect, it } from "vitest";
import type { StatusPageModel } from "../../../src/domain/status-page/page-model.ts";
import { sharedPage } from "../../../src/http/status/shared-page.ts";

/** A page model that says which read built it. */
const modelOf = (read: number) => ({ generatedAt: `read ${read}` }) as unknown as StatusPageModel;

function setup(maxAgeMs: number | null) {
  let now = 0;
  let reads = 0;
  let onReads = 0;
  const pending: { resolve(model: StatusPageModel): void; reject(error: Error): void }[] = [];
  const page = sharedPage({
    load: () => {
      reads++;
      return new Promise<StatusPageModel>((resolve, reject) => pending.push({ resolve, reject }));
    },
    maxAgeMs,
    elapsedMs: () => now,
    onRead: () => {
      onReads++;
    },
  });
  return {
    page,
    reads: () => reads,
    onReads: () => onReads,
    move: (ms: number) => {
      now += ms;
    },
    /** Finishes the oldest read still under way. */
    finish: (model: StatusPageModel) => pending.shift()?.resolve(model),
    fail: (error: Error) => pending.shift()?.reject(error),
  };
}

describe("the shared status page read", () => {
  it("serves every view during a read and for the period after it from that one read", async () => {
    const s = setup(5_000);
    const views = Array.from({ length: 50 }, () => s.page.current());
    expect(s.reads()).toBe(1);
    s.finish(modelOf(1));
    const pages = await Promise.all(views);
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]?.model.generatedAt).toBe("read 1");
    s.move(4_999);
    expect((await s.page.current()).model.generatedAt).toBe("read 1");
    expect(s.reads()).toBe(1);
    s.move(1);
    const next = s.page.current();
    expect(s.reads()).toBe(2);
    s.finish(modelOf(2));
    expect((await next).model.generatedAt).toBe("read 2");
    expect(s.onReads()).toBe(2);
  });

  it("counts a read's age from when it started, not from when it finished", async () => {
    const s = setup(5_000);
    const view = s.page.current();
    s.move(4_000);
    s.finish(modelOf(1));
    await view;
    s.move(1_000);
    const after = s.page.current();
    expect(s.reads()).toBe(2);
    s.finish(modelOf(2));
    expect((await after).model.generatedAt).toBe("read 2");
  });

  it("reads for every view when off, views during a read still sharing it", async () => {
    const s = setup(null);
    const [a, b] = [s.page.current(), s.page.current()];
    expect(s.reads()).toBe(1);
    s.finish(modelOf(1));
    expect(await a).toBe(await b);
    const c = s.page.current();
    expect(s.reads()).toBe(2);
    s.finish(modelOf(2));
    expect((await c).model.generatedAt).toBe("read 2");
  });

  it("does not keep a failed read: its views see the error and the next view reads again", async () => {
    const s = setup(5_000);
    const views = [s.page.current(), s.page.current()];
    s.fail(new Error("database unavailable"));
    for (const view of views) await expect(view).rejects.toThrow("database unavailable");
    const retry = s.page.current();
    expect(s.reads()).toBe(2);
    s.finish(modelOf(2));
    expect((await retry).model.generatedAt).toBe("read 2");
  });

  it("renders each kind of body once per read, and every key correctly past the ones it keeps", async () => {
    const s = setup(5_000);
    const view = s.page.current();
    s.finish(modelOf(1));
    const snapshot = await view;
    let renders = 0;
    const render = (model: StatusPageModel) => {
      renders++;
      return `html of ${model.generatedAt}`;
    };
    expect(snapshot.body("html", render)).toBe("html of read 1");
    expect(snapshot.body("html", render)).toBe("html of read 1");
    expect(renders).toBe(1);
    for (let i = 0; i < 40; i++) {
      expect(snapshot.body(`atom https://host-${i}`, (m) => `atom ${i} ${m.generatedAt}`)).toBe(
        `atom ${i} read 1`,
      );
    }
    expect(snapshot.body("atom https://host-39", () => "rendered again")).toBe("rendered again");
  });
});
