// How a handed-off role reads in a Slack message ("incident command", "lead of `db`"): shared by
// the handoff views and the use cases' replies, so both name a role the same way.
import { escapeMrkdwn } from "../text/mrkdwn.ts";

export function roleWords(role: string, workstream: string | null): string {
  return role === "lead" ? `lead of \`${escapeMrkdwn(workstream ?? "?")}\`` : "incident command";
}
