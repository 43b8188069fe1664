// `npm run demo [-- --scenario <file>] [--out <dir>] [--quiet]`: replays the demo scenario
// against the real bot and the local Slack emulator, prints the steps as they happen, a
// transcript of what the bot posted, its Slack calls against the scenario's minimum, and where
// the postmortem draft went. Exit status: 0 done, 1 Slack would have rejected some calls,
// 2 the scenario is invalid or a step was refused, 3 anything else.
import { parseArgs } from "node:util";
import { formatDuration } from "../src/domain/time/duration.ts";
import { ScenarioError } from "./load-scenario.ts";
import { StepError } from "./perform-step.ts";
import { DEFAULT_SCENARIO, type RunDemoResult, runDemo } from "./run-demo.ts";

const USAGE = "usage: npm run demo [-- --scenario <file.yml>] [--out <directory>] [--quiet]";

function economyTable(result: RunDemoResult): string[] {
  const methods = [
    ...new Set([...Object.keys(result.callsByMethod), ...Object.keys(result.minimumCalls)]),
  ].sort();
  const width = Math.max(...methods.map((m) => m.length), 6);
  const lines = [`  ${"method".padEnd(width)}  bot calls  minimum`];
  let calls = 0;
  let minimum = 0;
  for (const method of methods) {
    const made = result.callsByMethod[method] ?? 0;
    const least = result.minimumCalls[method] ?? 0;
    calls += made;
    minimum += least;
    const note =
      made > least
        ? `  +${made - least}`
        : made < least
          ? `  −${least - made} (fewer than the state changes: some message was left stale)`
          : "";
    lines.push(`  ${method.padEnd(width)}  ${String(made).padStart(9)}  ${String(least).padStart(7)}${note}`);
  }
  lines.push(`  ${"total".padEnd(width)}  ${String(calls).padStart(9)}  ${String(minimum).padStart(7)}`);
  return lines;
}

async function main(): Promise<number> {
  let values: { scenario?: string; out?: string; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        scenario: { type: "string" },
        out: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\nThe default scenario is ${DEFAULT_SCENARIO}.\n`);
    return 0;
  }
  const say = (line = "") => process.stdout.write(`${line}\n`);
  let result: RunDemoResult;
  try {
    result = await runDemo({ quiet: values.quiet, scenarioPath: values.scenario, outputDir: values.out });
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof StepError) {
      process.stderr.write(`\n${error.message}\n`);
      return 2;
    }
    throw error;
  }

  if (!values.quiet) {
    say();
    say(`What the bot posted (the full transcript is in ${result.transcriptPath}):`);
    say(result.transcript);
    say();
    say("Slack Web API calls for this scenario, against the fewest it needs (demo/call-economy.ts):");
    for (const line of economyTable(result)) say(line);
  }
  say();
  if (result.violations.length) {
    say(`✗ Slack would have rejected ${result.violations.length} call(s):`);
    for (const v of result.violations) say(`  - ${v.method}: ${v.error} (${v.reason})`);
  } else say("✓ The emulator rejected no call: every request respected Slack's rules and limits.");
  if (result.botProblems.length) {
    say(`! The bot logged ${result.botProblems.length} warning(s) or error(s):`);
    for (const line of result.botProblems.slice(0, 10)) say(`  ${line.trim().slice(0, 300)}`);
  }
  say();
  say(`Postmortem draft: ${result.postmortemPath}`);
  say(`  the same draft as JSON: ${result.postmortemJsonPath}`);
  say(
    `  the demo's database: ${result.databasePath} (try: DATABASE_URL=file:${result.databasePath} npm run postmortem -- ${result.incidentNumber})`,
  );
  if (!result.cliMatchesUpload)
    say("  ! npm run postmortem did not reproduce the uploaded draft byte for byte");
  const simulated = Date.parse(result.scenario.simulatedTo) - Date.parse(result.scenario.simulatedFrom);
  say(
    `Replayed ${result.scenario.steps} steps covering ${formatDuration(simulated)} of simulated time in ${(result.durationMs / 1000).toFixed(1)} s.`,
  );
  return result.violations.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 3;
  },
);
