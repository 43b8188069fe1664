// Publishing and the status page's repository on both stores: what `update --public` and
// `/incident publish` record, that a private incident is refused, that a repeated request
// publishes once, and that the repository returns only published, non-private incidents (open
// or resolved within the window) with only their public updates and board states.
import { describe, expect, it } from "vitest";
import { resolvedShownSince } from "../../src/domain/status-page/page-model.ts";
import { assignRole } from "../../src/services/assign-role.ts";
import { setServiceStatus } from "../../src/services/set-service-status.ts";
import { publishIncident } from "../../src/services/status-page/publish-incident.ts";
import { addNote } from "../../src/services/timeline/add-note.ts";
import { postUpdate } from "../../src/services/timeline/post-update.ts";
import { testedProviders } from "../support/databases.ts";
import { COMMANDER, declareWithChannel } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const COMMS = "U0000000003";
const BYSTANDER = "U0000000004";
const ADMIN = "U0000000005";
const DAY = 24 * 60 * 60 * 1000;

describe.each(testedProviders())("status page on %s", (provider) => {
  const deps = useTestDeps(provider, {
    env: { INCIDENT_ANNOUNCE_CHANNEL: "C0ANNOUNCE1", INCIDENT_ADMINS: ADMIN },
  });
  let seq = 0;
  const key = () => `sp-${++seq}`;

  const update = (incidentId: number, text: string, isPublic: boolean, requestKey = key()) =>
    postUpdate(deps(), {
      incidentId,
      workstreamId: null,
      text,
      at: null,
      actorId: COMMANDER,
      requestKey,
      public: isPublic,
    });

  it("publishes with the first public update, once, and shows only what is public", async () => {
    const { incidentId } = await declareWithChannel(deps(), { title: "Checkout failing in EU" });
    await update(incidentId, "internal: rolled back payments-api", false);
    const requestKey = key();
    const first = await update(incidentId, "Card payments fail in the EU", true, requestKey);
    expect(first.public).toEqual({ publishedNow: true });
    // The same request again (a retry) changes nothing and answers the same.
    expect(await update(incidentId, "Card payments fail in the EU", true, requestKey)).toEqual(first);
    deps().clock.set(new Date(deps().clock.now().getTime() + 60_000));
    expect((await update(incidentId, "EU payments recovering", true)).public).toEqual({
      publishedNow: false,
    });
    await addNote(deps(), {
      incidentId,
      workstreamId: null,
      text: "secret LB theory",
      tag: null,
      at: null,
      actorId: COMMANDER,
      requestKey: key(),
    });
    await setServiceStatus(deps(), {
      incidentId,
      workstreamId: null,
      service: "payments",
      region: "eu1",
      phase: "live",
      state: "degraded",
      note: "secret board note",
      actorId: COMMANDER,
      requestKey: key(),
    });
    const { db } = deps().database;
    expect(await db.timelineEntry.count({ where: { incidentId, kind: "incident_published" } })).toBe(1);

    const [shown] = await deps().store.read.statusPage.publishedSince(resolvedShownSince(deps().clock.now()));
    expect(shown).toMatchObject({
      title: "Checkout failing in EU",
      status: "investigating",
      resolvedAt: null,
    });
    expect(shown?.updates.map((u) => u.text)).toEqual([
      "EU payments recovering",
      "Card payments fail in the EU",
    ]);
    expect(shown?.board).toEqual([
      { service: "payments", region: "eu1", phase: "live", state: "degraded", updatedAt: expect.any(Date) },
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/secret|rolled back|U0000/);
  });

  it("refuses to publish a private incident either way", async () => {
    const { incidentId } = await declareWithChannel(deps(), { title: "Payroll exposure", isPrivate: true });
    await expect(update(incidentId, "keys rotated", true)).rejects.toMatchObject({ code: "invalid_state" });
    await expect(
      publishIncident(deps(), { incidentId, actorId: COMMANDER, requestKey: key() }),
    ).rejects.toMatchObject({
      code: "invalid_state",
    });
    const row = await deps().database.db.incident.findUnique({ where: { id: incidentId } });
    expect(row?.publishedAt).toBeNull();
  });

  it("publishes by command, says so when already public, and keeps old resolutions off the page", async () => {
    const byCommand = await declareWithChannel(deps(), { title: "Search slow" });
    const published = await publishIncident(deps(), {
      incidentId: byCommand.incidentId,
      actorId: COMMANDER,
      requestKey: key(),
    });
    expect(published).toMatchObject({ kind: "incident_published", already: false });
    const again = await publishIncident(deps(), {
      incidentId: byCommand.incidentId,
      actorId: COMMANDER,
      requestKey: key(),
    });
    expect(again).toEqual({ ...published, already: true });

    const old = await declareWithChannel(deps(), { title: "Long gone outage" });
    await publishIncident(deps(), { incidentId: old.incidentId, actorId: COMMANDER, requestKey: key() });
    const now = deps().clock.now();
    await deps().database.db.incident.update({
      where: { id: old.incidentId },
      data: { status: "closed", resolvedAt: new Date(now.getTime() - 91 * DAY) },
    });
    const recent = await declareWithChannel(deps(), { title: "Recently resolved" });
    await publishIncident(deps(), { incidentId: recent.incidentId, actorId: COMMANDER, requestKey: key() });
    await deps().database.db.incident.update({
      where: { id: recent.incidentId },
      data: { status: "resolved", resolvedAt: new Date(now.getTime() - 89 * DAY) },
    });
    await declareWithChannel(deps(), { title: "Never published" });

    const titles = (await deps().store.read.statusPage.publishedSince(resolvedShownSince(now))).map(
      (i) => i.title,
    );
    expect(titles).toEqual(["Recently resolved", "Search slow", "Checkout failing in EU"]);
  });
  it("lets only the commander, the comms lead or an admin publish or post publicly, and says who may", async () => {
    const { incidentId } = await declareWithChannel(deps(), { title: "Login errors" });
    const publicUpdate = (actorId: string) =>
      postUpdate(deps(), {
        incidentId,
        workstreamId: null,
        text: "Logins fail",
        at: null,
        actorId,
        requestKey: key(),
        public: true,
      });
    const publish = (actorId: string) => publishIncident(deps(), { incidentId, actorId, requestKey: key() });
    const refusal = expect.objectContaining({
      code: "forbidden",
      userMessage: expect.stringMatching(
        /^Only the incident commander \(<@U0000000001>\), the communications lead or an incident admin can (post a public update|put an incident on the public status page)/,
      ),
    });
    await expect(publicUpdate(BYSTANDER)).rejects.toEqual(refusal);
    await expect(publish(BYSTANDER)).rejects.toEqual(refusal);
    const { db } = deps().database;
    expect((await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).publishedAt).toBeNull();
    expect(await db.timelineEntry.count({ where: { incidentId, kind: "update_posted" } })).toBe(0);
    // A plain update stays open to everyone.
    await expect(update(incidentId, "internal: looking", false)).resolves.toMatchObject({
      kind: "update_posted",
    });

    await assignRole(deps(), {
      incidentId,
      role: "comms",
      userId: COMMS,
      workstreamId: null,
      contextWorkstreamId: null,
      actorId: COMMANDER,
      requestKey: key(),
    });
    await expect(publicUpdate(BYSTANDER)).rejects.toMatchObject({
      userMessage: expect.stringContaining("the communications lead (<@U0000000003>)"),
    });
    expect(await publish(COMMS)).toMatchObject({ kind: "incident_published", already: false });
    expect((await publicUpdate(COMMS)).public).toEqual({ publishedNow: false });
    expect((await publicUpdate(ADMIN)).public).toEqual({ publishedNow: false });
    expect((await publicUpdate(COMMANDER)).public).toEqual({ publishedNow: false });
    expect(await db.timelineEntry.count({ where: { incidentId, kind: "update_posted" } })).toBe(4);
  });
});
