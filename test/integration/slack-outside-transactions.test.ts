// No Slack call while a database transaction is open: on SQLite the one write connection
// would wait for Slack. The guard refuses such calls in tests (test-deps, the e2e harness);
// these tests show it does, and that the permission checks read admin groups from Slack
// before the transaction, so an admin known only through a user group can still act.
import { describe, expect, it, onTestFinished } from "vitest";
import { assignRole } from "../../src/services/assign-role.ts";
import { changeSeverity } from "../../src/services/change-severity.ts";
import { changeStatus, reopenIncident } from "../../src/services/change-status.ts";
import { startManualHandoff } from "../../src/services/handoffs/manual-handoff.ts";
import { closeIncident } from "../../src/services/postmortem/close-incident.ts";
import type { Gateway } from "../../src/slack/gateway.ts";
import { SlackCallInTransactionError } from "../../src/slack/transaction-guard.ts";
import { testedProviders } from "../support/databases.ts";
import { COMMANDER, declareTestIncident } from "../support/integration-incident.ts";
import { createTestDeps } from "../support/test-deps.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const ADMINS = "S0ADMINS01";
const ADMIN = "U0GROUPADM";
const OTHER = "U0000000009";

/** A Slack that knows one user group and counts how often it was asked. */
function groupGateway() {
  const asked: string[] = [];
  const gateway = new Proxy({} as Gateway, {
    get: (_target, method) => {
      if (method === "userGroupMembers")
        return async (groupId: string) => {
          asked.push(groupId);
          return groupId === ADMINS ? [ADMIN] : [];
        };
      return () => Promise.reject(new Error(`use case called Slack directly: ${String(method)}`));
    },
  });
  return { gateway, asked };
}

describe.each(testedProviders())("Slack calls and transactions on %s", (provider) => {
  const slack = groupGateway();
  const deps = useTestDeps(provider, { env: { INCIDENT_ADMINS: ADMINS }, gateway: slack.gateway });
  let keys = 0;
  const key = () => `guard-${++keys}`;

  it("refuses a Slack call made inside a transaction, and makes the same call outside one", async () => {
    await expect(
      deps().store.transaction(() => deps().directory.groupMembers(ADMINS)),
    ).rejects.toBeInstanceOf(SlackCallInTransactionError);
    await expect(
      deps().store.transaction(async (repos) => {
        await repos.counters.next("guard-test");
        return deps().directory.groupMembers(ADMINS);
      }),
    ).rejects.toThrow(/usergroups|userGroupMembers/);
    // The refused transaction wrote nothing.
    expect(await deps().store.read.counters.current("guard-test")).toBe(0);
    expect(await deps().directory.groupMembers(ADMINS)).toEqual([ADMIN]);
  });

  it("lets an admin known only through a user group do what commanders do", async () => {
    // Fresh dependencies: nothing about the group is cached yet, so each check asks Slack.
    const fresh = await createTestDeps(deps().config.databaseUrl, { INCIDENT_ADMINS: ADMINS }, slack.gateway);
    onTestFinished(() => fresh.close());
    const asked = slack.asked.length;
    const restricted = await declareTestIncident(fresh);
    const id = restricted.incidentId;
    const actorId = ADMIN;

    const lowered = await changeSeverity(fresh, {
      incidentId: id,
      workstreamId: null,
      to: 3,
      reason: "contained",
      actorId,
      requestKey: key(),
    });
    expect(lowered).toMatchObject({ kind: "severity_changed", from: 2, to: 3 });

    const handover = await startManualHandoff(fresh, {
      incidentId: id,
      workstream: null,
      toUserId: OTHER,
      actorId,
      requestKey: key(),
    });
    expect(handover).toMatchObject({ toUserId: OTHER });

    const resolved = await changeStatus(fresh, {
      incidentId: id,
      workstreamId: null,
      to: "resolved",
      message: "",
      actorId,
      requestKey: key(),
    });
    expect(resolved).toMatchObject({ kind: "status_changed", to: "resolved" });

    const reopened = await reopenIncident(fresh, {
      incidentId: id,
      reason: "back",
      actorId,
      requestKey: key(),
    });
    expect(reopened).toMatchObject({ kind: "incident_reopened" });

    const handed = await assignRole(fresh, {
      incidentId: id,
      role: "commander",
      userId: OTHER,
      workstreamId: null,
      contextWorkstreamId: null,
      actorId,
      requestKey: key(),
    });
    expect(handed).toMatchObject({ kind: "role_assigned", role: "commander", userId: OTHER });
    expect(await fresh.store.read.roles.holder(id, "commander")).toBe(OTHER);

    await changeStatus(fresh, {
      incidentId: id,
      workstreamId: null,
      to: "resolved",
      message: "",
      actorId: OTHER,
      requestKey: key(),
    });
    const closed = await closeIncident(fresh, {
      incidentId: id,
      rootCause: "a bad deploy",
      customerImpact: "",
      lessons: "",
      actorId,
      requestKey: key(),
    });
    expect(closed).toMatchObject({ kind: "incident_closed" });
    expect(slack.asked.slice(asked)).toContain(ADMINS);
  });

  it("still refuses someone who is neither commander nor admin", async () => {
    const { incidentId } = await declareTestIncident(deps());
    await expect(
      changeSeverity(deps(), {
        incidentId,
        workstreamId: null,
        to: 4,
        reason: "meh",
        actorId: OTHER,
        requestKey: key(),
      }),
    ).rejects.toThrow(/Only the incident commander/);
    expect(await deps().store.read.incidents.byId(incidentId)).toMatchObject({ severity: 2 });
    expect(await deps().store.read.roles.holder(incidentId, "commander")).toBe(COMMANDER);
  });
});
