// "A declared incident" for integration tests: the declaration every test starts from, with
// only what a test cares about overridden, and optionally the channel the outbox would have
// created (integration tests run no outbox).
import { type Declared, type DeclareInput, declareIncident } from "../../src/services/declare-incident.ts";
import type { TestDeps } from "./test-deps.ts";

export const COMMANDER = "U0000000001";

let requests = 0;

export function declaration(overrides: Partial<DeclareInput> = {}): DeclareInput {
  return {
    title: "Checkout failing",
    summary: "",
    severity: 2,
    regions: [],
    services: [],
    commanderId: COMMANDER,
    isPrivate: false,
    invitees: [],
    actorId: overrides.commanderId ?? COMMANDER,
    requestKey: `declare-${process.pid}-${++requests}`,
    ...overrides,
  };
}

export interface DeclaredForTest extends Declared {
  /** Set when asked for: what the outbox's channel.create would have stored. */
  channelId: string | null;
}

export async function declareTestIncident(
  deps: TestDeps,
  overrides: Partial<DeclareInput> = {},
  options: { withChannel?: boolean } = {},
): Promise<DeclaredForTest> {
  const declared = await declareIncident(deps, declaration(overrides));
  if (!options.withChannel) return { ...declared, channelId: null };
  const channelId = `C0INC${String(declared.number).padStart(6, "0")}`;
  await deps.database.db.incident.update({ where: { id: declared.incidentId }, data: { channelId } });
  return { ...declared, channelId };
}
