// The baseline: a bare Bolt app (same HTTP receiver, same signature checks) whose /incident
// handler does nothing but acknowledge. Started as its own process by the benchmark.
import { App, HTTPReceiver } from "@slack/bolt";

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  endpoints: "/slack/events",
  customRoutes: [{ path: "/healthz", method: ["GET"], handler: (_req, res) => res.end("ok") }],
});
// Identified up front, like the bot, so Bolt never calls auth.test per request.
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  tokenVerificationEnabled: false,
  botId: "B0BENCH0001",
  botUserId: "U0BENCH0001",
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command(/^\/(incident|inc)$/, async ({ ack }) => {
  await ack({ response_type: "ephemeral", text: "ok" });
});
await app.start(Number(process.env.PORT));
