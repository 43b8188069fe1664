// Socket Mode, as Slack runs it: `apps.connections.open` (with the app-level token) hands out a
// WebSocket URL; the app connects, receives `hello`, then envelopes (slash commands,
// interactivity, events) that it must acknowledge with their envelope_id, optionally with a
// response payload.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";

export const SOCKET_PATH = "/socket-mode/";

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export class SocketModeHub {
  readonly appToken: string;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #tickets = new Set<string>();
  readonly #clients = new Set<WebSocket>();
  readonly #waiting = new Map<string, (ack: SocketAck) => void>();
  #baseUrl = "";
  #connected: Promise<void>;
  #markConnected: () => void = () => {};
  /** While set, open connections are cut and new ones refused (a Socket Mode outage). */
  #refusing = false;

  constructor(
    appToken: string,
    private readonly appId: string,
  ) {
    this.appToken = appToken;
    this.#connected = new Promise((resolve) => {
      this.#markConnected = resolve;
    });
  }

  attach(server: Server, baseUrl: string): void {
    this.#baseUrl = baseUrl.replace(/^http/, "ws");
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const ticket = (req.url ?? "").startsWith(SOCKET_PATH) ? (req.url ?? "").slice(SOCKET_PATH.length) : "";
      if (!this.#tickets.delete(ticket) || this.#refusing) {
        socket.destroy();
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (client) => this.#accept(client));
    });
  }

  /** `apps.connections.open`: a single-use WebSocket URL, for the app-level token only. */
  open(token: string | undefined): Record<string, unknown> {
    if (!token) return { ok: false, error: "not_authed" };
    if (token !== this.appToken)
      return { ok: false, error: token.startsWith("xoxb-") ? "not_allowed_token_type" : "invalid_auth" };
    const ticket = randomBytes(12).toString("hex");
    this.#tickets.add(ticket);
    return { ok: true, url: `${this.#baseUrl.replace(/\/$/, "")}${SOCKET_PATH}${ticket}` };
  }

  /** Resolves once an app has connected and been greeted. */
  connected(): Promise<void> {
    return this.#connected;
  }

  /** Sends an envelope to a connected app; resolves with its acknowledgement. */
  send(
    type: "slash_commands" | "interactive" | "events_api",
    payload: unknown,
    timeoutMs = 5000,
  ): Promise<SocketAck> {
    const client = [...this.#clients][0];
    if (!client) return Promise.reject(new Error("no Socket Mode connection"));
    const envelopeId = randomBytes(8).toString("hex");
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(envelopeId);
        reject(new Error(`no acknowledgement for ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      client.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== "events_api",
          retry_attempt: 0,
          retry_reason: "",
        }),
      );
    });
  }

  /** Whether an app is connected now. */
  get connectionCount(): number {
    return this.#clients.size;
  }

  /** A Socket Mode outage: cuts every open connection and refuses new ones until restore(). */
  drop(): void {
    this.#refusing = true;
    for (const client of this.#clients) client.terminate();
  }

  /** Ends the outage: the app's own reconnect attempts succeed again. */
  restore(): void {
    this.#refusing = false;
  }

  close(): void {
    for (const client of this.#clients) client.terminate();
    this.#wss.close();
  }

  #accept(client: WebSocket): void {
    this.#clients.add(client);
    client.on("close", () => this.#clients.delete(client));
    client.on("message", (data) => {
      try {
        const ack = JSON.parse(String(data)) as SocketAck;
        this.#waiting.get(ack.envelope_id)?.(ack);
        this.#waiting.delete(ack.envelope_id);
      } catch {}
    });
    client.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.#clients.size,
        debug_info: { host: "emulator", approximate_connection_time: 3600 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.#markConnected();
  }
}
