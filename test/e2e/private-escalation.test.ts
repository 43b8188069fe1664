// Escalation about a need-to-know incident: the contact outside its channel learns only that a
// private incident needs them, and a named contact is brought into the channel where the rest is.
// Incident number, channel and the late person's name never reach anyone outside it by DM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { MANAGERS_GROUP, PEOPLE, seedPeople, writeRotationsFile } from "../support/handoff-fixtures.ts";

const { riley, kim, aoife, morgan } = PEOPLE;

/** Kim (APAC) hands to Aoife (EMEA) at 08:00 UTC; `named` escalates to Morgan, `grouped` to a group. */
const rotations = (escalateTo: string) => `rotations:
  - name: quiet-sun
    promptBefore: 15m
    acceptWithin: 10m
    escalateTo: ${escalateTo}
    shifts:
      - name: apac
        timeZone: UTC
        start: "00:00"
        end: "08:00"
        commander: ${kim.id}
      - name: emea
        timeZone: UTC
        start: "08:00"
        end: "16:00"
        commander: ${aoife.id}
`;

describe.each([
  ["a named contact", morgan.id],
  ["an escalation group", MANAGERS_GROUP],
])("escalating a private incident's handoff to %s", (_name, contact) => {
  let t: TestBot;
  let channelId: string;
  let number: number;

  beforeAll(async () => {
    const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
    const emulator = await startSlackEmulator();
    seedPeople(emulator);
    t = await startTestBot({ emulator, env: { ROTATIONS_FILE: writeRotationsFile(rotations(contact)) } });
    const general = t.emulator.addChannel({ name: "general", members: [riley.id] }).id;
    const declared = await declareIncident(t, "Payroll data exposure --sev 1 --private", {
      by: riley.id,
      from: general,
    });
    // A private incident previews a rotation's people; confirmed, it follows the rotation.
    const attached = await t.driver.command("rotation quiet-sun --confirm", {
      user: riley.id,
      channel: declared.channel.id,
    });
    expect((attached.json as { text: string }).text).toContain("follows rotation `quiet-sun`");
    channelId = declared.channel.id;
    number = declared.number;
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  it("tells the contact only that a private incident needs them", async () => {
    const escalationDms = () => t.emulator.dms(morgan.id).filter((m) => m.text.includes("private incident"));
    await t.setClock("2026-03-08T08:10:00Z");
    await t.settle();
    const [dm, ...more] = escalationDms();
    expect(more).toHaveLength(0);
    const shown = `${dm?.text}\n${JSON.stringify(dm?.blocks ?? [])}`;
    expect(shown).toContain("escalation 1");
    expect(shown).not.toContain(`INC-${number}`);
    expect(shown).not.toContain(channelId);
    expect(shown).not.toContain("Payroll");
    expect(shown).not.toContain(aoife.id);
    const member = t.emulator.channel(channelId)?.members.has(morgan.id) ?? false;
    if (contact === morgan.id) {
      expect(shown).toContain("You have been added to its channel");
      expect(member).toBe(true);
    } else {
      // A group's members are not pulled into a need-to-know channel wholesale.
      expect(shown).toContain("its commander can add you");
      expect(member).toBe(false);
    }
    expect(t.emulator.violations).toEqual([]);
  });
});
