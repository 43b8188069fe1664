// 6. Big inputs, in process: the largest things the bot parses or renders in one go, each timed
// against a plain operation over the same data in the same run (so a slow machine slows both):
// - a postmortem of a 20,000-entry incident (build, Markdown, JSON) against JSON.stringify of
//   its input;
// - a 100 KB command (control and bidirectional characters included) against splitting the
//   same text into words;
// - a 1,000-person rotations file (parsed, validated, coverage checked) against the YAML library
//   parsing the same text.
import { parseDocument } from "yaml";
import { parseCommand } from "../src/domain/command/dispatch.ts";
import { tokenize } from "../src/domain/command/tokenize.ts";
import { DomainError } from "../src/domain/errors.ts";
import { buildPostmortem } from "../src/domain/postmortem/build.ts";
import { renderJson, renderMarkdown } from "../src/domain/postmortem/render.ts";
import { parseRotationsFile } from "../src/domain/rotation/parse-file.ts";
import { ALL_VERBS } from "../src/slack/listeners/commands/index.ts";
import { largeIncident } from "../test/fixtures/postmortem/large-incident.ts";
import { largeRotationYaml } from "../test/support/large-rotation.ts";
import { withPeakHeap } from "./heap.ts";
import { round } from "./stats.ts";

export interface BigInputResult {
  name: string;
  size: string;
  ms: number;
  baseline: string;
  baselineMs: number;
  /** ms ÷ baselineMs. */
  ratio: number;
  heapMb: number;
}

export interface BigInputSizes {
  renderEntries: number;
  commandKb: number;
  rotationPeople: number;
}

/** The fastest of `runs` timings of `work` (ms): the least disturbed by other work on the machine. */
function fastest(runs: number, work: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

async function measure(
  name: string,
  size: string,
  work: () => unknown,
  baseline: string,
  baselineWork: () => unknown,
): Promise<BigInputResult> {
  // Warm up (module loading, the JIT, time-zone data), as a running bot would be.
  work();
  baselineWork();
  const { peakMb } = await withPeakHeap(work);
  const ms = fastest(3, work);
  const baselineMs = fastest(3, baselineWork);
  return {
    name,
    size,
    ms: round(ms, 3),
    baseline,
    baselineMs: round(baselineMs, 2),
    ratio: round(ms / Math.max(baselineMs, 0.01)),
    heapMb: round(peakMb, 1),
  };
}

function parseOrRefuse(text: string): void {
  try {
    parseCommand(ALL_VERBS, text, "help");
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
}

export async function benchBigInputs(sizes: BigInputSizes): Promise<BigInputResult[]> {
  const incident = largeIncident({ entries: sizes.renderEntries, responders: 750 });
  const pieces = [
    "<!channel>",
    "\u202e",
    "\u200b",
    "--sev",
    "“quoted”",
    "🔥",
    "مرحبا",
    "x".repeat(40),
    "\r\n",
  ];
  let body = "";
  for (let i = 0; body.length < sizes.commandKb * 1024; i++) body += `${pieces[i % pieces.length]} `;
  const commands = ["update", "milestone", "service", "status", "declare"].map((verb) => `${verb} ${body}`);
  // The worst case for the tokenizer: text of unclosed opening quotes, each of which used to
  // make it rescan the rest of the text (quadratic). The parser refuses text this long before
  // tokenizing, so the tokenizer is timed on its own as well.
  const unclosedQuotes = "“ ".repeat((sizes.commandKb * 1024) / 2);
  const yaml = largeRotationYaml(sizes.rotationPeople / 4);
  const now = new Date("2026-03-08T06:00:00Z");
  return [
    await measure(
      "postmortem: build, Markdown and JSON",
      `${sizes.renderEntries} entries, 750 responders`,
      () => {
        const doc = buildPostmortem(incident);
        return [renderMarkdown(doc), renderJson(doc)];
      },
      "JSON.stringify of the input",
      () => JSON.stringify(incident),
    ),
    await measure(
      "command: parse (or refuse) with each of 5 verbs, and tokenize unclosed quotes",
      `${sizes.commandKb} KB`,
      () => {
        for (const text of commands) parseOrRefuse(text);
        tokenize(unclosedQuotes);
      },
      "split into words",
      () => commands.map((text) => text.split(/\s+/)),
    ),
    await measure(
      "rotations file: parse, validate, coverage",
      `${sizes.rotationPeople} people`,
      () => parseRotationsFile(yaml, "big.yml", now),
      "YAML library parsing the same text",
      () => parseDocument(yaml).toJS(),
    ),
  ];
}
