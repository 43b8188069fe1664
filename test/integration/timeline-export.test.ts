// `npm run timeline`: the whole timeline exported from either database without Slack.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { changeSeverity } from "../../src/services/change-severity.ts";
import { recordMilestone } from "../../src/services/record-milestone.ts";
import { testedProviders } from "../support/databases.ts";
import { declareTestIncident } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const U1 = "U0000000001";

describe.each(testedProviders())("timeline export on %s", (provider) => {
  const deps = useTestDeps(provider);

  beforeAll(async () => {
    const { incidentId } = await declareTestIncident(deps(), {
      title: "Export me",
      severity: 3,
      commanderId: U1,
    });
    deps().clock.set(new Date("2026-03-08T07:00:00Z"));
    await changeSeverity(deps(), {
      incidentId,
      workstreamId: null,
      to: 1,
      reason: 'worse, "much" | <!channel>',
      actorId: U1,
      requestKey: "s",
    });
    // Entered late, happened first: exported in the order it happened.
    await recordMilestone(deps(), {
      incidentId,
      workstreamId: null,
      name: "impact-started",
      at: new Date("2026-03-08T05:30:00Z"),
      note: "",
      actorId: U1,
      requestKey: "m",
    });
    await deps().database.db.userName.create({ data: { userId: U1, name: "Ines", updatedAt: new Date() } });
  });

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/timeline.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: deps().config.databaseUrl },
      encoding: "utf8",
      timeout: 30_000,
    });

  it("writes CSV in the order things happened, quoting what needs quoting", () => {
    const result = run("INC-1", "--format", "csv");
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\r\n");
    expect(lines[0]).toBe("occurred_at,recorded_at,kind,who,workstream,tag,description,permalink");
    expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual([
      '"milestone_recorded"',
      '"incident_declared"',
      '"severity_changed"',
    ]);
    expect(result.stdout).toContain('worse, ""much"" | <!channel>');
    expect(result.stderr).toContain("3 entries");
  });

  it("writes a Markdown table with names from the bot's cache and escaped text", () => {
    const result = run("1");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("| Happened (UTC) |");
    expect(result.stdout).toMatch(/\| Ines \|/);
    expect(result.stdout).toContain("\\|");
    expect(result.stdout).not.toContain("<!channel>");
  });

  it("writes JSON, and says clearly when the incident does not exist", () => {
    const json = run("1", "--format", "json");
    expect(JSON.parse(json.stdout).entries).toHaveLength(3);
    const missing = run("999");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("no INC-999");
    expect(run("--format", "xml", "1").status).toBe(2);
  });
});
