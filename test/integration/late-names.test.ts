// Late naming on both stores (services/timeline/late-names.ts): an update and a note whose
// people were left as bare IDs are named in the stored entry once the directory answers, in the
// entry's text and its event's text, replacing only those IDs; naming again changes nothing.
import { describe, expect, it } from "vitest";
import { addNote } from "../../src/services/timeline/add-note.ts";
import { postUpdate } from "../../src/services/timeline/post-update.ts";
import type { Gateway } from "../../src/slack/gateway.ts";
import { testedProviders } from "../support/databases.ts";
import { eventually } from "../support/eventually.ts";
import { declareWithChannel } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const ACTOR = "U0000000002";
const CASEY = "U0000000009";
const OTHER = "U0000000008";

/** A Slack that names CASEY only (OTHER stays unknown, as when users.info fails). */
const namingGateway = new Proxy({} as Gateway, {
  get: (_target, method) => {
    if (method === "userInfo")
      return async (id: string) =>
        id === CASEY
          ? { id, name: "casey", tz: "UTC", isBot: false }
          : Promise.reject(new Error("user_not_found"));
    return () => Promise.reject(new Error(`unexpected Slack call: ${String(method)}`));
  },
});

describe.each(testedProviders())("late names on %s", (provider) => {
  const deps = useTestDeps(provider, { gateway: namingGateway });

  const stored = (id: number) => deps().database.db.timelineEntry.findUniqueOrThrow({ where: { id } });
  const latest = (incidentId: number, kind: string) =>
    deps().database.db.timelineEntry.findFirstOrThrow({
      where: { incidentId, kind },
      orderBy: { id: "desc" },
    });

  it("names an update's and a note's people after the commit, only those IDs, once", async () => {
    const { incidentId } = await declareWithChannel(deps());
    const text = `@${CASEY} and @${OTHER} roll back; see @${CASEY}X`;
    await postUpdate(deps(), {
      incidentId,
      workstreamId: null,
      text,
      unnamedMentions: [CASEY, OTHER],
      at: null,
      actorId: ACTOR,
      requestKey: "late-1",
    });
    const update = await latest(incidentId, "update_posted");
    const named = `@casey and @${OTHER} roll back; see @${CASEY}X`;
    await eventually(async () => {
      const entry = await stored(update.id);
      expect(entry.text).toBe(named);
      expect(entry.data).toMatchObject({ kind: "update_posted", text: named });
    });
    await addNote(deps(), {
      incidentId,
      workstreamId: null,
      text: `@${CASEY} owns it`,
      unnamedMentions: [CASEY],
      tag: null,
      at: null,
      actorId: ACTOR,
      requestKey: "late-2",
    });
    const note = await latest(incidentId, "note_added");
    await eventually(async () =>
      expect((await stored(note.id)).data).toMatchObject({ text: "@casey owns it" }),
    );

    const again = await deps().store.transaction((repos) =>
      repos.timeline.nameMentions(update.id, new Map([[CASEY, "someone else"]])),
    );
    expect(again).toBe(false);
    expect((await stored(update.id)).text).toBe(named);
  });
});
