// Writes .env.example from the documented variables in src/config.ts (one source of truth).
import { writeFileSync } from "node:fs";
import { VARIABLES } from "../src/config.ts";

const REQUIRED = new Set(["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]);

export function renderEnvExample(): string {
  const lines = [
    "# Incident bot configuration. Copy to .env and fill in; real environment variables win.",
    "# Generated from src/config.ts by `npm run env:example`.",
    "",
  ];
  for (const [name, doc] of Object.entries(VARIABLES)) {
    lines.push(`# ${doc.help}`);
    lines.push(REQUIRED.has(name) ? `${name}=` : `# ${name}=${doc.example}`);
    lines.push("");
  }
  return lines.join("\n");
}

if (process.argv[1]?.endsWith("env-example.ts")) writeFileSync(".env.example", renderEnvExample());
