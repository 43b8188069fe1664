// The violations every emulator in this process recorded since the last look: what the e2e
// setup (fail-on-slack-violations.ts) reads after each test.
import { SlackEmulator } from "./slack-emulator/index.ts";

// Violations from a beforeAll are reported with the file's first test.
const readUpTo = new WeakMap<SlackEmulator, number>();

export function newSlackViolations(): string[] {
  const fresh: string[] = [];
  for (const emulator of SlackEmulator.started()) {
    const from = readUpTo.get(emulator) ?? 0;
    for (const v of emulator.violations.slice(from)) fresh.push(`${v.method}: ${v.error} — ${v.reason}`);
    readUpTo.set(emulator, emulator.violations.length);
    if (emulator.stopped) SlackEmulator.forget(emulator);
  }
  return fresh;
}
