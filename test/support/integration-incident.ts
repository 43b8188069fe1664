// "A declared incident" for integration tests (end-to-end tests use declared-incident.ts): the
// declaration every test starts from, with only what a test cares about overridden, and
// optionally its channel: the one the outbox would have created (most integration tests run no
// outbox, so nothing else sets it), or the one an outbox worker really created.
import { type Declared, type DeclareInput, declareIncident } from "../../src/services/declare-incident.ts";
import type { TestDeps } from "./test-deps.ts";

export const COMMANDER = "U0000000001";

/**
 * The row of a bare investigating incident, for tests of statements that need one to work on
 * and nothing a declaration makes (a channel, roles, a timeline).
 */
export const bareIncidentRow = (number: number, title: string, at: Date) => ({
  number,
  title,
  severity: 2,
  peakSeverity: 2,
  status: "investigating",
  regions: [],
  services: [],
  declaredById: "U1",
  createdAt: at,
  updatedAt: at,
});

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

/** Declared, with the channel `outbox` (a worker delivering to a Slack emulator) created and stored. */
export async function declareWithCreatedChannel(
  deps: TestDeps,
  outbox: { drain(): Promise<unknown> },
  overrides: Partial<DeclareInput> = {},
): Promise<Declared & { channelId: string }> {
  const declared = await declareTestIncident(deps, overrides);
  await outbox.drain();
  const { channelId } = await deps.database.db.incident.findUniqueOrThrow({
    where: { id: declared.incidentId },
  });
  if (!channelId) throw new Error(`the outbox created no channel for INC-${declared.number}`);
  return { ...declared, channelId };
}
