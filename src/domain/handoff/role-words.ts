// How a handed-over role is named in messages and refusals: "incident command" or
// "lead of `eu1`" (the workstream name escaped: it came from a person).
import { escapeMrkdwn } from "../text/mrkdwn.ts";

export function roleWords(role: string, workstream: string | null): string {
  return role === "lead" ? `lead of \`${escapeMrkdwn(workstream ?? "?")}\`` : "incident command";
}
