// Setup file of the e2e project: after each test, any call the Slack emulator refused as
// breaking Slack's rules (our Block Kit rules or the outside Block Kit schema) fails that test,
// whether or not the test itself looks at `emulator.violations`. Tests that provoke a violation
// on purpose belong in test/unit/slack-emulator, which does not load this file.
import { afterEach } from "vitest";
import { newSlackViolations } from "./slack-violations.ts";

afterEach(() => {
  const fresh = newSlackViolations();
  if (fresh.length) {
    throw new Error(`Slack would have refused ${fresh.length} call(s) in this test:\n${fresh.join("\n")}`);
  }
});
