// The cast many end-to-end tests start from: a bot on the simulated clock (messages carry its
// time), Alex, Blair and Casey in #general, and an incident Alex declares there that Blair and
// Casey have joined. One set-up instead of a copy in each file.
import type { TestBot } from "./bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "./declared-incident.ts";
import { startSimTestBot } from "./sim-emulator.ts";

export interface ThreeResponders {
  t: TestBot & { announce: string | undefined };
  /** The commander: declared the incident. */
  alex: string;
  blair: string;
  casey: string;
  general: string;
  incident: DeclaredIncident;
}

/** `declaration` is what follows `/incident declare`, e.g. "Search is down --sev 2". */
export async function threeResponders(declaration: string): Promise<ThreeResponders> {
  const t = await startSimTestBot();
  const alex = t.emulator.addUser({ name: "alex" }).id;
  const blair = t.emulator.addUser({ name: "blair" }).id;
  const casey = t.emulator.addUser({ name: "casey" }).id;
  const general = t.emulator.addChannel({ name: "general", members: [alex, blair, casey] }).id;
  const incident = await declareIncident(t, declaration, {
    by: alex,
    from: general,
    joiners: [blair, casey],
  });
  return { t, alex, blair, casey, general, incident };
}
