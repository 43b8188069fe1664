// Checks that every test in a project passes when it runs alone, i.e. does not lean on what an
// earlier `it` in its file left behind (story-style files replay it: test/support/story.ts).
// Too slow for every CI run (one `vitest run` per test position, minutes on 2 cores), so .ci/run
// skips it; run it after adding or reshaping tests:
//
//   npm run test:alone [-- files…]        (npx tsx test/support/run-each-alone.ts [--project e2e] [files…])
//
// Round k runs the k-th test of every file (one `vitest run` per round, files in parallel, each
// file with only that test selected) and checks from vitest's JSON report that exactly that
// test ran in each file and passed. Exits 1 and names the tests that failed alone.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";

interface Listed {
  name: string;
  file: string;
}
interface JsonReport {
  testResults: { name: string; assertionResults: { fullName: string; title: string; status: string }[] }[];
}

const ROOT = join(import.meta.dirname, "..", "..");
const { values, positionals } = parseArgs({
  options: { project: { type: "string", default: "e2e" } },
  allowPositionals: true,
});
const dir = mkdtempSync(join(tmpdir(), "run-each-alone-"));

function vitest(args: string[]) {
  return spawnSync("npx", ["vitest", ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
}

const listFile = join(dir, "list.json");
const listed = vitest(["list", "--project", values.project ?? "e2e", `--json=${listFile}`, ...positionals]);
if (listed.status !== 0) throw new Error(`vitest list failed:\n${listed.stderr}`);
const byFile = new Map<string, string[]>();
for (const { name, file } of JSON.parse(readFileSync(listFile, "utf8")) as Listed[]) {
  // "suite > test": vitest matches -t against the names joined by spaces.
  byFile.set(file, [...(byFile.get(file) ?? []), name.split(" > ").join(" ")]);
}
// A file with one test already runs it alone in the whole suite.
const files = [...byFile].filter(([, names]) => names.length > 1);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const failures: string[] = [];
const rounds = Math.max(0, ...files.map(([, names]) => names.length));

for (let k = 0; k < rounds; k++) {
  const round = files
    .filter(([, names]) => names.length > k)
    .map(([file, names]) => [file, names[k] as string]);
  const pattern = round.map(([, name]) => `(?:^${escapeRegExp(name as string)}$)`).join("|");
  const reportFile = join(dir, `round-${k}.json`);
  const started = Date.now();
  vitest([
    "run",
    "--project",
    values.project ?? "e2e",
    "-t",
    pattern,
    "--reporter=json",
    `--outputFile=${reportFile}`,
    ...round.map(([file]) => file as string),
  ]);
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as JsonReport;
  for (const [file, name] of round) {
    const results = report.testResults.find((r) => r.name === file)?.assertionResults ?? [];
    const ran = results.filter(
      (r) => r.status !== "skipped" && r.status !== "pending" && r.status !== "todo",
    );
    const label = `${relative(ROOT, file as string)} › ${name}`;
    if (ran.length !== 1) failures.push(`${label}: ${ran.length} tests ran instead of 1`);
    else if (ran[0]?.status !== "passed") failures.push(`${label}: ${ran[0]?.status} when run alone`);
  }
  process.stdout.write(
    `round ${k + 1}/${rounds}: ${round.length} files, ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
}
process.stdout.write(
  failures.length
    ? `Failed alone:\n${failures.map((f) => `  ${f}`).join("\n")}\n`
    : "Every test passed alone.\n",
);
process.exit(failures.length ? 1 : 0);
