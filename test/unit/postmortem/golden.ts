// Golden files: the expected output, committed next to the fixtures. A change to the draft
// shows up as a diff of these files. To accept a deliberate change, regenerate them:
//   UPDATE_GOLDEN=1 npx vitest run --project unit test/unit/postmortem
// and review the diff before committing. (Refused in CI, where a golden file must match.)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/postmortem");

export function expectGolden(name: string, actual: string): void {
  const path = join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    if (process.env.CI === "true") throw new Error("UPDATE_GOLDEN is refused in CI: golden files must match");
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(
      `golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run --project unit test/unit/postmortem`,
    );
  expect(actual).toBe(readFileSync(path, "utf8"));
}
