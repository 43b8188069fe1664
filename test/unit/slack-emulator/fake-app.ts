// A stand-in for the app behind /slack/events: it records what the driver sends and answers
// as told, so the driver's requests can be checked field by field.
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySlackRequest } from "@slack/bolt";
import { afterEach } from "vitest";
import { createSlackDriver } from "../../support/slack-driver.ts";
import { harness } from "./harness.ts";

export const SECRET = "test-signing-secret";
export const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/slack/payloads/${name}`, import.meta.url), "utf8"));

export interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for the app: records requests and answers with `reply`. */
export async function captureServer(
  reply: (req: Captured) => { status: number; body: string; type?: string },
) {
  const requests: Captured[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const captured = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(captured);
      const answer = reply(captured);
      res.writeHead(answer.status, { "content-type": answer.type ?? "text/plain" }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, requests };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

export function verify(captured: Captured, secret = SECRET, nowMilliseconds?: number): void {
  verifySlackRequest({
    signingSecret: secret,
    body: captured.body,
    headers: {
      "x-slack-signature": String(captured.headers["x-slack-signature"]),
      "x-slack-request-timestamp": Number(captured.headers["x-slack-request-timestamp"]),
    },
    ...(nowMilliseconds !== undefined ? { nowMilliseconds } : {}),
  });
}

export const payloadOf = (captured: Captured): Record<string, unknown> =>
  JSON.parse(new URLSearchParams(captured.body).get("payload") ?? "null");

export async function setup(
  reply: (req: Captured) => { status: number; body: string; type?: string } = () => ({
    status: 200,
    body: "",
  }),
) {
  const h = await harness();
  const app = await captureServer(reply);
  const driver = createSlackDriver({ eventsUrl: app.url, signingSecret: SECRET, emulator: h.emulator });
  const alice = h.emulator.addUser({ name: "alice" });
  const channel = h.emulator.addChannel({ name: "inc-1", members: [alice.id] });
  return { ...h, app, driver, alice, channel };
}
