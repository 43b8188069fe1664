// Reading a rotations file: YAML syntax, then the zod schema, then coverage. Every problem is
// reported at once as "<file>:<line>:<col> <path>: <message>", pointing at the value that is
// wrong (or at the key, for unknown keys; or at the enclosing entry, for missing ones).
import { type Document, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { formatYamlPath, locateInYaml } from "../text/yaml-location.ts";
import { weekWarnings } from "./coverage.ts";
import { rotationsFileSchema } from "./schema.ts";
import type { Rotation } from "./types.ts";

export interface RotationsFile {
  rotations: Rotation[];
  /** Errors: the file cannot be used. */
  problems: string[];
  /** Coverage gaps and overlaps in the week from `now`: the file works, but a person should look. */
  warnings: string[];
}

/** rotations[0].shifts[1].end */
export const formatPath = formatYamlPath;
const locate = locateInYaml;

function messageOf(issue: z.core.$ZodIssue, exact: boolean): string {
  if (issue.path.length === 0 && issue.code === "invalid_type")
    return "must be a mapping with a `rotations:` list";
  if (!exact && issue.code === "invalid_type") return "is required";
  return issue.message;
}

/** Problems in file order (line, then column). */
function sortByPosition(problems: string[]): string[] {
  const position = (problem: string) => {
    const match = /:(\d+):(\d+) /.exec(problem);
    return match ? Number(match[1]) * 100_000 + Number(match[2]) : 0;
  };
  return [...problems].sort((a, b) => position(a) - position(b));
}

// A file of a few rotations needs a handful of aliases at most; a file that expands an alias
// thousands of times (a "billion laughs" file) is refused before it costs memory.
const MAX_ALIAS_EXPANSIONS = 100;

type Content = { ok: true; value: unknown } | { ok: false; offset: number; message: string };

/** The document as plain data, or where and why it cannot be read (too many alias expansions). */
function contentOf(doc: Document): Content {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }) };
  } catch (error) {
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      offset,
      message: `aliases expand too many times (${reason.replace(/\.$/, "")}); write the values out, or use fewer aliases (at most ${MAX_ALIAS_EXPANSIONS} expansions)`,
    };
  }
}

export function parseRotationsFile(text: string, fileLabel: string, now: Date): RotationsFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileLabel}:${line}:${col}`;
  };
  if (doc.errors.length) {
    return {
      rotations: [],
      problems: doc.errors.map((error) => `${at(error.pos[0])} YAML: ${error.message.split("\n")[0]}`),
      warnings: [],
    };
  }
  if (doc.contents === null) {
    return {
      rotations: [],
      problems: [`${fileLabel}:1:1 the file is empty; it needs a \`rotations:\` list`],
      warnings: [],
    };
  }
  const content = contentOf(doc);
  if (!content.ok)
    return { rotations: [], problems: [`${at(content.offset)} YAML: ${content.message}`], warnings: [] };
  const parsed = rotationsFileSchema.safeParse(content.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => {
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => {
          const where = locate(doc, issue.path, key);
          const path = formatPath([...issue.path, key]);
          return `${at(where.offset)} ${path}: is not a known setting (check the spelling; see rotations.example.yml)`;
        });
      }
      if (issue.code === "invalid_key") {
        const key = String(issue.path.at(-1));
        const where = locate(doc, issue.path.slice(0, -1), key);
        return [
          `${at(where.offset)} ${formatPath(issue.path)}: ${issue.issues[0]?.message ?? issue.message}`,
        ];
      }
      const where = locate(doc, issue.path);
      const path = formatPath(issue.path);
      return [`${at(where.offset)} ${path || "(top level)"}: ${messageOf(issue, where.exact)}`];
    });
    return { rotations: [], problems: sortByPosition([...new Set(problems)]), warnings: [] };
  }
  const rotations = parsed.data.rotations;
  return { rotations, problems: [], warnings: weekWarnings(rotations, now) };
}
