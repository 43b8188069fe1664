// "A declared incident" for integration tests (end-to-end tests use declared-incident.ts): the
// declaration every test starts from, with only what a test cares about overridden, and
// optionally the channel the outbox would have created (integration tests run no outbox, so
// nothing else sets it).
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

export function declareTestIncident(
  deps: TestDeps,
  overrides: Partial<DeclareInput> = {},
): Promise<Declared> {
  return declareIncident(deps, declaration(overrides));
}

/** Declared, with the channel the outbox's channel.create would have stored. */
export async function declareWithChannel(
  deps: TestDeps,
  overrides: Partial<DeclareInput> = {},
): Promise<Declared & { channelId: string }> {
  const declared = await declareTestIncident(deps, overrides);
  const channelId = `C0INC${String(declared.number).padStart(6, "0")}`;
  await deps.database.db.incident.update({ where: { id: declared.incidentId }, data: { channelId } });
  return { ...declared, channelId };
}
