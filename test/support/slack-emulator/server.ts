// The emulator's HTTP side: POST /api/<method> (the Web API), /respond/<id> (response_url)
// and /upload/v1/<token> (file upload URLs), with injected faults applied first.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { callMethod } from "./api.ts";
import { decodeJsonFields } from "./args.ts";
import {
  type ActiveFault,
  type FaultSet,
  faultError,
  RESPONSE_URL_ENDPOINT,
  UPLOAD_ENDPOINT,
} from "./faults.ts";
import { parseApiArgs, readBody, sendJson, sendText, tokenOf } from "./http-io.ts";
import { acceptUpload } from "./methods/files.ts";
import { boundaryOf, parseMultipart } from "./multipart.ts";
import type { OpenIdProvider } from "./openid.ts";
import type { RateLimiter } from "./rate-limits.ts";
import type { Recorder } from "./recorder.ts";
import { respond } from "./response-urls.ts";
import type { SocketModeHub } from "./socket-mode.ts";
import type { Workspace } from "./workspace.ts";

export class EmulatorServer {
  readonly #server: Server;
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Slack's tier limits when turned on (see rate-limits.ts); undefined: no limits. */
  rateLimiter: RateLimiter | undefined;

  constructor(
    private readonly ws: Workspace,
    private readonly recorder: Recorder,
    private readonly faults: FaultSet,
    private readonly socketMode: SocketModeHub,
    private readonly openId: OpenIdProvider,
  ) {
    this.#server = createServer((req, res) => {
      // Before the body is read and before any of the emulator's own work on it.
      const receivedAt = this.recorder.now();
      readBody(req)
        .then((body) => this.#route(req, res, body, receivedAt))
        .catch((error: unknown) => {
          if (!res.headersSent) sendText(res, 500, `emulator error: ${String(error)}`);
        });
    });
    this.#server.keepAliveTimeout = 30_000;
  }

  /** Listens on a random loopback port; resolves to the base URL ("http://127.0.0.1:PORT/"). */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => {
        const { port } = this.#server.address() as AddressInfo;
        const base = `http://127.0.0.1:${port}/`;
        this.socketMode.attach(this.#server, base);
        resolve(base);
      });
    });
  }

  close(): Promise<void> {
    this.socketMode.close();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #route(req: IncomingMessage, res: ServerResponse, body: Buffer, receivedAt: number): void {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const path = url.pathname;
    if (path.startsWith("/openid/connect/")) {
      if (!this.openId.handlePage(req, res, url, body)) sendText(res, 404, "not_found");
    } else if (path.startsWith("/api/"))
      this.#api(req, res, decodeURIComponent(path.slice(5)), url.searchParams, body, receivedAt);
    else if (path.startsWith("/respond/")) this.#respond(req, res, path.slice("/respond/".length), body);
    else if (path.startsWith("/upload/v1/")) this.#upload(req, res, path.slice("/upload/v1/".length), body);
    else sendText(res, 404, "not_found");
  }

  #api(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    query: URLSearchParams,
    body: Buffer,
    receivedAt: number,
  ): void {
    let raw: Record<string, unknown>;
    try {
      raw = parseApiArgs(req, body, query);
    } catch {
      this.recorder.call(method, {}, "invalid_json", receivedAt);
      sendJson(res, 200, { ok: false, error: "invalid_json" });
      return;
    }
    const args = decodeJsonFields(raw);
    if (method === "apps.connections.open") {
      // Socket Mode uses the app-level token, not the bot token.
      const answer = this.socketMode.open(tokenOf(req, raw));
      this.recorder.call(method, {}, answer.ok ? undefined : String(answer.error), receivedAt);
      sendJson(res, 200, answer);
      return;
    }
    const fault = this.faults.take(method, true);
    if (fault && fault.kind !== "delay") {
      if (fault.kind === "rate_limited")
        this.recorder.rateLimited(method, args, "fault", fault.retryAfterSeconds, receivedAt);
      else this.recorder.call(method, args, faultError(fault.kind), receivedAt);
      this.#fail(req, res, fault);
      return;
    }
    const limited = this.rateLimiter?.admit(method, args);
    if (limited) {
      this.recorder.rateLimited(method, args, "tier", limited.retryAfterSeconds, receivedAt);
      this.#later(fault, () => this.#fail(req, res, { kind: "rate_limited", delayMs: 0, ...limited }));
      return;
    }
    if (method.startsWith("openid.connect.")) {
      // Sign in with Slack authenticates with the app's client secret or the person's token.
      this.#openIdMethod(req, res, method, args, fault, receivedAt);
      return;
    }
    const outcome = callMethod(this.ws, method, args, tokenOf(req, raw));
    this.recorder.call(
      method,
      args,
      outcome.body.ok ? undefined : (outcome.body.error ?? "unknown_error"),
      receivedAt,
    );
    if (outcome.violation !== undefined) {
      this.recorder.violation(method, args, outcome.body.error ?? "", outcome.violation);
    }
    this.#later(fault, () => sendJson(res, 200, outcome.body));
  }

  #openIdMethod(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    args: Record<string, unknown>,
    fault: ActiveFault | undefined,
    receivedAt: number,
  ): void {
    const header = req.headers.authorization;
    const bearer = header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
    const { client_secret: _secret, token: _token, ...recorded } = args;
    this.openId.callMethod(method, args, bearer).then(
      (answer) => {
        const body = answer ?? { ok: false, error: "unknown_method", req_method: method };
        this.recorder.call(method, recorded, body.ok ? undefined : String(body.error), receivedAt);
        if (!answer)
          this.recorder.violation(
            method,
            recorded,
            "unknown_method",
            `${method} is not a Slack Web API method the emulator knows`,
          );
        this.#later(fault, () => sendJson(res, 200, body));
      },
      (error: unknown) => sendText(res, 500, `emulator error: ${String(error)}`),
    );
  }

  #respond(req: IncomingMessage, res: ServerResponse, id: string, body: Buffer): void {
    const fault = this.faults.take(RESPONSE_URL_ENDPOINT, false);
    if (fault && fault.kind !== "delay") {
      this.#fail(req, res, fault);
      return;
    }
    const outcome = respond(this.ws, id, body);
    if (outcome.violation) {
      this.recorder.violation(
        RESPONSE_URL_ENDPOINT,
        outcome.payload ?? {},
        outcome.violation.error,
        outcome.violation.reason,
      );
    }
    this.#later(fault, () => {
      if (outcome.status === 200) sendJson(res, 200, { ok: true });
      else sendText(res, outcome.status, outcome.body);
    });
  }

  #upload(req: IncomingMessage, res: ServerResponse, token: string, body: Buffer): void {
    const fault = this.faults.take(UPLOAD_ENDPOINT, false);
    if (fault && fault.kind !== "delay") {
      this.#fail(req, res, fault);
      return;
    }
    const bytes = uploadedBytes(req, body);
    const file = acceptUpload(this.ws, token, bytes);
    if (!file) {
      this.recorder.violation(
        UPLOAD_ENDPOINT,
        { token },
        "invalid_upload_url",
        `unknown upload URL ${token}`,
      );
      this.#later(fault, () => sendText(res, 404, "not_found"));
      return;
    }
    this.#later(fault, () => sendText(res, 200, `OK - ${bytes.length}`));
  }

  #fail(req: IncomingMessage, res: ServerResponse, fault: ActiveFault): void {
    switch (fault.kind) {
      case "rate_limited":
        sendJson(
          res,
          429,
          { ok: false, error: "ratelimited" },
          { "retry-after": String(fault.retryAfterSeconds) },
        );
        return;
      case "server_error":
        sendJson(res, 500, { ok: false, error: "internal_error" });
        return;
      case "network":
        req.socket.destroy();
        return;
      case "delay":
        return;
    }
  }

  /** Sends now, or after the fault's delay (the call itself has already been handled). */
  #later(fault: ActiveFault | undefined, send: () => void): void {
    if (!fault) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      send();
    }, fault.delayMs);
    this.#timers.add(timer);
  }
}

/** The file bytes of an upload: a multipart file part (what @slack/web-api sends) or the raw body. */
function uploadedBytes(req: IncomingMessage, body: Buffer): Buffer {
  const contentType = req.headers["content-type"] ?? "";
  const boundary = contentType.startsWith("multipart/form-data") ? boundaryOf(contentType) : undefined;
  if (!boundary) return body;
  const parts = parseMultipart(body, boundary);
  const part =
    parts.find((p) => p.filename !== undefined) ??
    parts.find((p) => ["file", "filename", "body"].includes(p.name));
  return part?.data ?? Buffer.alloc(0);
}
