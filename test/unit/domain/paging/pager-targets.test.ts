// The pager targets file (line:col problems, never a key) and how pagers' answers are judged.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../../src/config.ts";
import { parsePagerTargetsFile } from "../../../../src/domain/paging/parse-targets-file.ts";
import { resolvePerson, resolveTeam } from "../../../../src/domain/paging/targets.ts";
import { parseRotationsFile } from "../../../../src/domain/rotation/parse-file.ts";
import { failureOf, retryAfterMs } from "../../../../src/pager/pager-error.ts";
import { webhookSignature } from "../../../../src/pager/webhook.ts";

describe("the pager targets file", () => {
  it("accepts the example file", () => {
    const read = parsePagerTargetsFile(readFileSync("pager-targets.example.yml", "utf8"), "example.yml");
    expect(read.problems).toEqual([]);
    expect(read.targets.teams.map((t) => t.name)).toEqual(["database", "incident-managers"]);
    expect(read.targets.leadership).toBe("incident-managers");
  });

  it("reports every problem with file:line:col, and never quotes a key", () => {
    const secretish = "short-key-not-valid";
    const text = `teams:
  - name: Database
    pagerduty: ${secretish}
    colour: blue
  - name: database
people:
  - slack: dana
leadership: nobody
`;
    const { problems } = parsePagerTargetsFile(text, "targets.yml");
    expect(problems).toEqual([
      "targets.yml:3:16 teams[0].pagerduty: must be a PagerDuty Events v2 integration key (32 letters and digits)",
      "targets.yml:4:5 teams[0].colour: is not a known setting (see pager-targets.example.yml)",
      "targets.yml:7:12 people[0].slack: must be a Slack user ID (U…)",
    ]);
    expect(problems.join("\n")).not.toContain(secretish);
    const duplicates = parsePagerTargetsFile(
      "teams:\n  - name: db\n  - name: DB\nleadership: ops\n",
      "t.yml",
    ).problems;
    expect(duplicates).toEqual([
      "t.yml:3:11 teams[1].name: `db` is listed twice",
      "t.yml:4:13 leadership: must name a team listed under teams: or a Slack user ID",
    ]);
  });

  it("stops the bot at start-up with the file's problems, like the rotations file", () => {
    const dir = mkdtempSync(join(tmpdir(), "targets-"));
    const file = join(dir, "targets.yml");
    writeFileSync(file, "teams:\n  - name: db\n    pagerduty: not-a-key\n");
    const load = () =>
      loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", PAGER_TARGETS_FILE: file });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (error) {
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).toContain(`PAGER_TARGETS_FILE ${file}:3:16 teams[0].pagerduty: must be a PagerDuty`);
      expect(problems).not.toContain("not-a-key");
    }
  });

  it("says what is missing and how to map it", () => {
    const targets = { teams: [{ name: "database" }], people: [] };
    const team = resolveTeam(targets, "pay<!here>");
    expect(team.ok).toBe(false);
    if (!team.ok)
      expect(team.problem).toContain("No pager team is called `pay&lt;!here&gt;` (known teams: `database`)");
    const person = resolvePerson(targets, "U0NOEMAIL1", undefined);
    expect(person.ok).toBe(false);
    if (!person.ok) expect(person.problem).toContain("`- slack: U0NOEMAIL1`");
    expect(resolvePerson(targets, "U0DANA0001", "dana@example.com")).toEqual({
      ok: true,
      target: { kind: "person", id: "U0DANA0001", email: "dana@example.com" },
    });
  });
});

describe("a rotation's pager target", () => {
  it("is an optional field of the rotations file", () => {
    const text = readFileSync("rotations.example.yml", "utf8").replace(
      "# pager: incident-managers",
      "pager: incident-managers",
    );
    const read = parseRotationsFile(text, "rotations.yml", new Date("2026-03-08T00:00:00Z"));
    expect(read.problems).toEqual([]);
    expect(read.rotations[0]?.pager).toBe("incident-managers");
    expect(read.rotations[1]?.pager).toBeUndefined();
  });
});

describe("pager answers", () => {
  it("retries 429 after Retry-After and 5xx with backoff; any other 4xx is permanent", () => {
    expect(failureOf("pagerduty trigger", 429, "", "30")).toEqual({
      kind: "rate_limited",
      retryAfterMs: 30_000,
      method: "pagerduty trigger",
    });
    expect(failureOf("opsgenie create", 503, "", null).kind).toBe("transient");
    expect(
      failureOf(
        "pagerduty trigger",
        400,
        '{"status":"invalid event","message":"Event object is invalid"}',
        null,
      ),
    ).toEqual({
      kind: "permanent",
      error: "HTTP 400 invalid event: Event object is invalid",
      method: "pagerduty trigger",
    });
    expect(retryAfterMs("Thu, 01 Jan 2026 00:01:00 GMT", Date.parse("2026-01-01T00:00:00Z"))).toBe(60_000);
  });

  it("signs the webhook body with its timestamp", () => {
    // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
    expect(webhookSignature("secret", "1700000000", '{"a":1}')).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(webhookSignature("secret", "1700000000", '{"a":1}')).not.toBe(
      webhookSignature("secret", "1700000001", '{"a":1}'),
    );
  });
});
