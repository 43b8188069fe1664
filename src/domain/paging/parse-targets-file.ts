// Reading the pager targets file (PAGER_TARGETS_FILE): YAML, then a zod schema. Every problem
// is reported at once as "<file>:<line>:<col> <path>: <message>", like the rotations file, so
// a typo stops the bot at start-up with the place to fix. Routing keys are never quoted back.
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { formatYamlPath, locateInYaml } from "../text/yaml-location.ts";
import type { PagerTargets } from "./targets.ts";

const name = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .regex(/^[a-z0-9][a-z0-9_.-]*$/i, "use letters, digits, - _ . (it is typed after /incident page)")
  .transform((v) => v.toLowerCase());

const routingKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{20,64}$/, "must be a PagerDuty Events v2 integration key (32 letters and digits)");

const schema = z
  .object({
    teams: z
      .array(
        z
          .object({
            name,
            pagerduty: routingKey.optional(),
            opsgenie: z.string().trim().min(1, "must not be empty").optional(),
            slackGroup: z
              .string()
              .regex(/^S[A-Z0-9]{2,}$/, "must be a user group ID (S…)")
              .optional(),
          })
          .strict(),
      )
      .default([]),
    people: z
      .array(
        z
          .object({
            slack: z.string().regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack user ID (U…)"),
            email: z.email("must be an email address").optional(),
            pagerduty: routingKey.optional(),
          })
          .strict(),
      )
      .default([]),
    leadership: z.string().trim().min(1).optional(),
  })
  .strict();

export interface PagerTargetsFile {
  targets: PagerTargets;
  problems: string[];
}

export function parsePagerTargetsFile(text: string, fileLabel: string): PagerTargetsFile {
  const empty = { teams: [], people: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileLabel}:${line}:${col}`;
  };
  if (doc.errors.length)
    return {
      targets: empty,
      problems: doc.errors.map((e) => `${at(e.pos[0])} YAML: ${e.message.split("\n")[0]}`),
    };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    return { targets: empty, problems: [`${fileLabel}:1:1 YAML: ${String(error)}`] };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => {
      if (issue.code === "unrecognized_keys")
        return issue.keys.map(
          (key) =>
            `${at(locateInYaml(doc, issue.path, key).offset)} ${formatYamlPath([...issue.path, key])}: is not a known setting (see pager-targets.example.yml)`,
        );
      const where = locateInYaml(doc, issue.path);
      const message = !where.exact && issue.code === "invalid_type" ? "is required" : issue.message;
      return [`${at(where.offset)} ${formatYamlPath(issue.path) || "(top level)"}: ${message}`];
    });
    return { targets: empty, problems };
  }
  const { teams, people, leadership } = parsed.data;
  const problems: string[] = [];
  const seen = new Set<string>();
  teams.forEach((team, i) => {
    if (seen.has(team.name))
      problems.push(
        `${at(locateInYaml(doc, ["teams", i, "name"]).offset)} teams[${i}].name: \`${team.name}\` is listed twice`,
      );
    seen.add(team.name);
  });
  if (leadership && !/^[UW][A-Z0-9]{2,}$/.test(leadership) && !seen.has(leadership.toLowerCase()))
    problems.push(
      `${at(locateInYaml(doc, ["leadership"]).offset)} leadership: must name a team listed under teams: or a Slack user ID`,
    );
  return {
    targets: {
      teams,
      people: people.map((p) => ({ slackId: p.slack, email: p.email, pagerduty: p.pagerduty })),
      ...(leadership
        ? { leadership: /^[UW][A-Z0-9]{2,}$/.test(leadership) ? leadership : leadership.toLowerCase() }
        : {}),
    },
    problems,
  };
}
