// A follow-the-sun world for handoff tests: people with fixed IDs and time zones, a rotations
// file naming them, and helpers to find what a person sees in Slack.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SlackEmulator } from "./slack-emulator/emulator.ts";
import type { MessageRecord } from "./slack-emulator/types.ts";

export const PEOPLE = {
  kim: { id: "UKIMAPAC01", tz: "Asia/Seoul" },
  min: { id: "UMINAPAC02", tz: "Asia/Seoul" },
  aoife: { id: "UAOIFEEM01", tz: "Europe/Dublin" },
  sean: { id: "USEANEMEA2", tz: "Europe/Dublin" },
  sam: { id: "USAMAMER01", tz: "America/New_York" },
  jo: { id: "UJOAMER002", tz: "America/New_York" },
  usapac: { id: "UUS1APAC01", tz: "Asia/Seoul" },
  usemea: { id: "UUS1EMEA01", tz: "Europe/Dublin" },
  usamer: { id: "UUS1AMER01", tz: "America/New_York" },
  morgan: { id: "UMORGANMG1", tz: "Europe/Dublin" },
  riley: { id: "URILEYDEV1", tz: "UTC" },
  ada: { id: "UADAADMIN1", tz: "UTC" },
} as const;
export type Person = keyof typeof PEOPLE;

export const MANAGERS_GROUP = "S0INCMGRS1";
export const SRE_GROUP = "S0SREALL01";

/**
 * follow-the-sun on Sun 8 Mar 2026 (New York on EDT from 07:00 UTC, Dublin still on GMT):
 * APAC 00:00–08:00 UTC, EMEA 08:00–16:00 UTC, AMER 15:00–23:00 UTC (overlap 15–16: AMER has
 * taken over), nobody 23:00–24:00. `solo` is one person all day, for the long-duty nudge.
 */
export const ROTATIONS_YAML = `rotations:
  - name: follow-the-sun
    promptBefore: 15m
    acceptWithin: 10m
    escalateTo: ${MANAGERS_GROUP}
    maxShiftHours: 12
    shifts:
      - name: apac
        timeZone: Asia/Seoul
        start: "09:00"
        end: "17:00"
        commander: ${PEOPLE.kim.id}
        deputies: [${PEOPLE.min.id}]
        leads:
          us1: ${PEOPLE.usapac.id}
        members: [${SRE_GROUP}]
      - name: emea
        timeZone: Europe/Dublin
        start: "08:00"
        end: "16:00"
        commander: ${PEOPLE.aoife.id}
        deputies: [${PEOPLE.sean.id}]
        leads:
          us1: ${PEOPLE.usemea.id}
      - name: amer
        timeZone: America/New_York
        start: "11:00"
        end: "19:00"
        commander: ${PEOPLE.sam.id}
        deputies: [${PEOPLE.jo.id}]
        leads:
          us1: ${PEOPLE.usamer.id}
  - name: solo
    escalateTo: ${PEOPLE.morgan.id}
    maxShiftHours: 4
    shifts:
      - name: all-day
        timeZone: UTC
        start: "00:00"
        end: "24:00"
        commander: ${PEOPLE.riley.id}
`;

export function writeRotationsFile(text: string = ROTATIONS_YAML): string {
  const file = join(mkdtempSync(join(tmpdir(), "rotations-")), "rotations.yml");
  writeFileSync(file, text);
  return file;
}

/** Adds everyone and the two user groups (once per emulator). */
export function seedPeople(emulator: SlackEmulator): void {
  for (const [name, person] of Object.entries(PEOPLE)) {
    if (!emulator.user(person.id)) emulator.addUser({ id: person.id, name, tz: person.tz });
  }
  emulator.addUserGroup({ id: MANAGERS_GROUP, handle: "incident-managers", users: [PEOPLE.morgan.id] });
  emulator.addUserGroup({ id: SRE_GROUP, handle: "sre", users: [PEOPLE.min.id, PEOPLE.sean.id] });
}

export const blocksText = (message: { blocks?: unknown[]; text: string }) =>
  `${message.text}\n${JSON.stringify(message.blocks ?? [])}`;

/** Handoff messages (cards) in a channel, oldest first. */
export function cards(emulator: SlackEmulator, channelId: string): MessageRecord[] {
  return emulator.messages(channelId).filter((m) => blocksText(m).includes("Shift handoff of"));
}
