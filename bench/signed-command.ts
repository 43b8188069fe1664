// Signed slash commands built without an emulator object in this process (the benchmark runs
// the emulator elsewhere): the same form fields and v0 signature Slack sends.
import { randomBytes } from "node:crypto";
import { signSlackRequest } from "../test/support/slack-driver.ts";

export interface CommandTarget {
  eventsUrl: string;
  signingSecret: string;
  teamId: string;
  appId: string;
  responseUrl: string;
}

export async function sendCommand(
  target: CommandTarget,
  user: string,
  channel: string,
  text: string,
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({
    token: "bench",
    team_id: target.teamId,
    team_domain: "bench",
    channel_id: channel,
    channel_name: "bench",
    user_id: user,
    user_name: "bench",
    command: "/incident",
    text,
    api_app_id: target.appId,
    is_enterprise_install: "false",
    response_url: target.responseUrl,
    trigger_id: `${Date.now()}.${randomBytes(6).toString("hex")}`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const send = () =>
    fetch(target.eventsUrl, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signSlackRequest(target.signingSecret, timestamp, body),
      },
      body,
    });
  // A pooled keep-alive connection the server closed as idle just as this request went out
  // (a race a busy machine makes likely) fails before the app sees the request: send it again
  // once, on a fresh connection.
  const response = await send().catch((error: unknown) => {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return send();
    throw error;
  });
  return { status: response.status, body: await response.text() };
}
