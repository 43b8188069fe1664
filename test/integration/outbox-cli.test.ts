// `npm run outbox`: the operator's view of the backlog and the repairs it offers.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { testedProviders } from "../support/databases.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const ROOT = join(import.meta.dirname, "..", "..");

describe.each(testedProviders())("outbox operator tool on %s", (provider) => {
  const deps = useTestDeps(provider);

  beforeAll(async () => {
    const { db } = deps().database;
    const at = new Date("2026-03-08T06:00:00Z");
    const row = (lane: string, status: string, lastError: string | null) => ({
      lane,
      kind: "message.post",
      payload: { kind: "message.post" },
      status,
      lastError,
      nextAttemptAt: new Date("2030-01-01T00:00:00Z"),
      createdAt: at,
    });
    await db.outboxMessage.createMany({
      data: [
        row("incident:1", "failed", "not_in_channel"),
        row("incident:1", "pending", "chat.postMessage: rate_limited"),
        row("channel:C1", "done", null),
      ],
    });
    await db.lease.create({
      data: {
        key: "outbox:incident:1",
        holder: "dead-host:1:abc",
        expiresAt: new Date("2030-01-01T00:00:00Z"),
      },
    });
  });

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/outbox.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: deps().config.databaseUrl },
      encoding: "utf8",
      timeout: 30_000,
    });

  it("shows the backlog per lane, the head's last error, failed messages and leases", () => {
    const status = run("status");
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toContain("failed 1");
    expect(status.stdout).toContain("incident:1: 1 pending");
    expect(status.stdout).toContain("last error: chat.postMessage: rate_limited");
    expect(status.stdout).toContain("not_in_channel");
    expect(status.stdout).toContain("held by dead-host:1:abc");
  });

  it("requeues failed messages, makes waiting ones due and releases leases", async () => {
    expect(run("retry-failed").stdout).toContain("1 failed message(s) queued again");
    expect(await deps().database.db.outboxMessage.count({ where: { status: "failed" } })).toBe(0);
    expect(run("retry-now", "--lane", "incident:1").stdout).toContain("2 pending message(s) made due now");
    const due = await deps().database.db.outboxMessage.count({
      where: { status: "pending", nextAttemptAt: { lte: new Date() } },
    });
    expect(due).toBe(2);
    expect(run("release-leases").stdout).toContain("1 outbox lease(s) released");
    expect(run("bogus").status).toBe(2);
  });
});
