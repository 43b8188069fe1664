// `--at` on every state change (issue 15): severity, status (and resolve), the recovery board,
// roles, a workstream's lead and status, milestones, updates and notes. Each is stored for the
// time given (occurredAt) and stamped with when it was typed (recordedAt); a time in the
// future or more than 7 days before the incident is refused with the reason, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_START, startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import type { ChannelRecord } from "../support/slack-emulator/index.ts";

const text = (response: { json?: unknown }) => (response.json as { text?: string } | undefined)?.text ?? "";
const MIN = 60_000;

describe("--at on every state change", () => {
  let t: TestBot;
  let ic: string;
  let dana: string;
  let minji: string;
  let channel: ChannelRecord;
  let incidentId: number;

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    dana = t.emulator.addUser({ name: "dana" }).id;
    minji = t.emulator.addUser({ name: "minji", tz: "Asia/Seoul" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic, dana, minji] }).id;
    const declared = await declareIncident(t, "Intake down --sev 2 --region us1", {
      by: ic,
      from: general,
      joiners: [dana, minji],
    });
    channel = declared.channel;
    incidentId = declared.id;
    await t.driver.command("workstream add us1", { user: ic, channel: channel.id });
    await t.settle();
    await t.advance("3h");
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  const run = (typed: string) => t.driver.command(typed, { user: ic, channel: channel.id });
  /** The latest timeline entry of a kind. */
  const latest = (kind: string) =>
    t.bot.deps.database.db.timelineEntry.findFirstOrThrow({
      where: { incidentId, kind },
      orderBy: { id: "desc" },
    });

  it("stores each change for the time given and records when it was typed", async () => {
    const now = new Date(t.bot.clock.now());
    const ago = (minutes: number) => new Date(now.getTime() - minutes * MIN).toISOString();
    // 06:00 UTC (the declaration, SIM_START) + 3h = 09:00 now; 08:10 typed as HH:MM.
    expect(now.toISOString()).toBe(new Date(Date.parse(SIM_START) + 180 * MIN).toISOString());
    const verbs: [string, string, number][] = [
      ["sev 1 --at -170m every region down", "severity_changed", 170],
      ["status identified --at 06:20 bad certificate", "status_changed", 160],
      ["service logs outage --region us1 --at -150m", "service_status_changed", 150],
      [`role comms <@${dana}> --at -140m`, "role_assigned", 140],
      [`workstream us1 lead <@${dana}> --at 2026-03-08 06:30`, "role_assigned", 150],
      ["workstream us1 status monitoring --at -120m", "workstream_status_changed", 120],
      ["milestone mitigated --at -110m", "milestone_recorded", 110],
      ["update --at -100m certificates rolled back", "update_posted", 100],
      ["note --at -90m --cause a certificate expired", "note_added", 90],
      ["status resolved --at -60m all clear", "status_changed", 60],
    ];
    for (const [typed, kind, minutes] of verbs) {
      const reply = text(await run(typed));
      expect(reply, typed).toMatch(/:white_check_mark:|:memo:/);
      if (kind !== "note_added" && kind !== "milestone_recorded")
        expect(reply, typed).toContain(`as of 2026-03-08 ${ago(minutes).slice(11, 16)} UTC`);
      const entry = await latest(kind);
      expect(entry.occurredAt.toISOString(), typed).toBe(ago(minutes));
      expect(entry.recordedAt.toISOString(), typed).toBe(now.toISOString());
    }
    await t.settle();
    // The channel's line says when it happened, as a date token each reader sees in their zone.
    const sevLine = t.emulator.messages(channel.id).find((m) => /Escalated from SEV2/.test(m.text));
    const unix = Date.parse(ago(170)) / 1000;
    expect(sevLine?.text).toContain(`_(as of <!date^${unix}^{date_short} {time}|2026-03-08 06:10 UTC>)_`);
    const { db } = t.bot.deps.database;
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.severity).toBe(1);
    expect(incident.status).toBe("resolved");
    // Resolution is when it happened, not when someone got round to typing it.
    expect(incident.resolvedAt?.toISOString()).toBe(ago(60));
    const resolved = await db.milestone.findUniqueOrThrow({
      where: { incidentId_name: { incidentId, name: "resolved" } },
    });
    expect(resolved.occurredAt.toISOString()).toBe(ago(60));
    // The role history starts the terms at the given times.
    const comms = await db.roleAssignment.findFirstOrThrow({ where: { incidentId, role: "comms" } });
    expect(comms.startedAt.toISOString()).toBe(ago(140));
    const lead = await db.roleAssignment.findFirstOrThrow({ where: { incidentId, role: "lead" } });
    expect(lead.startedAt.toISOString()).toBe(ago(150));
    expect(t.emulator.violations).toEqual([]);
  });

  it("refuses a time in the future, one a week before the incident, before the holder's term began, or before the latest change", async () => {
    await run("reopen one more check");
    await t.settle();
    const before = await t.bot.deps.database.db.timelineEntry.count({ where: { incidentId } });
    expect(text(await run("sev 2 --at 2099-01-01T00:00Z calmer"))).toMatch(/in the future/);
    expect(text(await run("status monitoring --at 2026-02-01 00:00"))).toMatch(/7 days before/);
    expect(text(await run("service logs recovered --at tomorrow"))).toMatch(/HH:MM/);
    expect(text(await run(`role comms <@${ic}> --at -175m`))).toMatch(/took the role at .*give a time after/);
    expect(text(await run("sev 2 --at"))).toMatch(/needs a value|needs a time/);
    // Before the latest change of the same state: the ledger would end on the wrong value.
    expect(text(await run("sev 2 --at 06:05 calmer"))).toMatch(
      /severity was last changed at 2026-03-08 06:10 UTC; a change dated 2026-03-08 06:05 UTC would come before that/,
    );
    expect(text(await run("status monitoring --at -30m steady"))).toMatch(
      /status was last changed at 2026-03-08 09:00 UTC.*give a time after 2026-03-08 09:00 UTC, or record what happened then as a note/i,
    );
    expect(text(await run("workstream add eu1 --at -5m"))).toMatch(/`--at` goes with/);
    expect(await t.bot.deps.database.db.timelineEntry.count({ where: { incidentId } })).toBe(before);
  });

  it("reads 09:15 typed in Seoul as 00:15 UTC, and says both times back", async () => {
    // Now: 09:00 UTC, 18:00 in Seoul. Minji's Slack profile is in Asia/Seoul.
    const as = (typed: string) => t.driver.command(typed, { user: minji, channel: channel.id });
    const reply = text(await as("milestone impact-started --at 09:15 first errors in ap1"));
    const stored = await t.bot.deps.database.db.milestone.findUniqueOrThrow({
      where: { incidentId_name: { incidentId, name: "impact-started" } },
    });
    expect(stored.occurredAt.toISOString()).toBe("2026-03-08T00:15:00.000Z");
    // UTC for the record, and a date token Slack shows in the reader's own zone (09:15 for Minji).
    const unix = Date.parse("2026-03-08T00:15:00Z") / 1000;
    expect(reply).toContain(
      `at 2026-03-08 00:15 UTC — <!date^${unix}^{date_short} {time}|2026-03-08 00:15 UTC> in your zone`,
    );
    // Saying UTC (or an offset) reads the time as said, whoever types it.
    await as("note --at 08:40 UTC rollback started");
    expect((await latest("note_added")).occurredAt.toISOString()).toBe("2026-03-08T08:40:00.000Z");
    await as("service logs recovering --region us1 --at 17:45 +09:00");
    expect((await latest("service_status_changed")).occurredAt.toISOString()).toBe(
      "2026-03-08T08:45:00.000Z",
    );
    // Someone whose profile is in UTC: their 08:50 is 08:50 UTC.
    await run("note --at 08:50 from ines");
    expect((await latest("note_added")).occurredAt.toISOString()).toBe("2026-03-08T08:50:00.000Z");
    await t.settle();
    expect(t.emulator.violations).toEqual([]);
  });
});
