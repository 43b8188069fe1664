// Local emulators of the pagers the bot calls, on 127.0.0.1 only, for end-to-end tests and the
// demo: PagerDuty Events API v2 (POST /pagerduty/v2/enqueue), the Opsgenie Alert API
// (POST /opsgenie/v2/alerts, …/{alias}/acknowledge|close?identifierType=alias, GenieKey auth)
// and a webhook receiver that checks the bot's signature. Each keeps the alerts as the real
// service would (one per dedup_key / open alias: a repeated trigger is absorbed) and every
// request it received, and can be told to fail (429 with Retry-After, 500, 400, or a delay).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { webhookSignature } from "../../../src/pager/webhook.ts";

export type PagerName = "pagerduty" | "opsgenie" | "webhook";

export interface PagerFault {
  pager: PagerName;
  kind: "status" | "delay";
  /** For kind "status": 429, 500, 400… */
  status?: number;
  /** Seconds, sent as Retry-After with a 429. */
  retryAfter?: number;
  delayMs?: number;
  /** How many requests it applies to (default 1). */
  times?: number;
}

export interface ReceivedRequest {
  pager: PagerName;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  /** What the emulator answered. */
  status: number;
}

export interface PagerDutyAlert {
  dedupKey: string;
  routingKey: string;
  status: "triggered" | "acknowledged" | "resolved";
  summary: string;
  /** Triggers received for it (a repeated trigger is deduplicated, not a new alert). */
  triggers: number;
}

export interface OpsgenieAlert {
  alias: string;
  message: string;
  responders: unknown[];
  priority: string | undefined;
  acknowledged: boolean;
  status: "open" | "closed";
  creates: number;
}

export interface PagerEmulatorOptions {
  /** GenieKey the Opsgenie emulator accepts. */
  opsgenieKey?: string;
  /** Secret the webhook receiver checks signatures with. */
  webhookSecret?: string;
  /** PagerDuty routing keys accepted (others: 400 invalid routing key); all when absent. */
  routingKeys?: string[];
}

const PD_SEVERITIES = new Set(["critical", "error", "warning", "info"]);

export class PagerEmulator {
  readonly requests: ReceivedRequest[] = [];
  readonly pagerdutyAlerts = new Map<string, PagerDutyAlert>();
  readonly opsgenieAlerts: OpsgenieAlert[] = [];
  /** Webhook deliveries that carried a valid signature. */
  readonly webhookEvents: Record<string, unknown>[] = [];
  #faults: PagerFault[] = [];
  readonly #options: Required<Omit<PagerEmulatorOptions, "routingKeys">> & { routingKeys?: string[] };

  private constructor(
    private readonly server: Server,
    readonly url: string,
    options: PagerEmulatorOptions,
  ) {
    this.#options = {
      opsgenieKey: options.opsgenieKey ?? "og-test-key",
      webhookSecret: options.webhookSecret ?? "webhook-test-secret",
      routingKeys: options.routingKeys,
    };
  }

  static async start(options: PagerEmulatorOptions = {}): Promise<PagerEmulator> {
    let emulator: PagerEmulator | undefined;
    const server = createServer((req, res) => {
      void emulator?.handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    emulator = new PagerEmulator(server, `http://127.0.0.1:${port}`, options);
    return emulator;
  }

  get opsgenieKey(): string {
    return this.#options.opsgenieKey;
  }
  get webhookSecret(): string {
    return this.#options.webhookSecret;
  }

  /** Environment that points the bot at this emulator. */
  env(pagers: PagerName[] = ["pagerduty", "opsgenie", "webhook"]): Record<string, string> {
    return {
      ...(pagers.includes("pagerduty") ? { PAGERDUTY_EVENTS_URL: `${this.url}/pagerduty/v2/enqueue` } : {}),
      ...(pagers.includes("opsgenie")
        ? { OPSGENIE_API_URL: `${this.url}/opsgenie`, OPSGENIE_API_KEY: this.opsgenieKey }
        : {}),
      ...(pagers.includes("webhook")
        ? { PAGE_WEBHOOK_URL: `${this.url}/webhook`, PAGE_WEBHOOK_SECRET: this.webhookSecret }
        : {}),
    };
  }

  injectFault(fault: PagerFault): void {
    this.#faults.push({ times: 1, ...fault });
  }

  clearFaults(): void {
    this.#faults = [];
  }

  received(pager: PagerName): ReceivedRequest[] {
    return this.requests.filter((r) => r.pager === pager);
  }

  /** PagerDuty events (accepted or not) with this dedup key, in order: "trigger", "acknowledge"… */
  pagerdutyActions(dedupKey: string): string[] {
    return this.received("pagerduty")
      .filter((r) => r.body.dedup_key === dedupKey && r.status === 202)
      .map((r) => String(r.body.event_action));
  }

  /** Opsgenie requests accepted for this alias, in order: "create", "acknowledge", "close". */
  opsgenieActions(alias: string): string[] {
    return this.received("opsgenie")
      .filter((r) => r.status === 202)
      .flatMap((r) => {
        if (r.path === "/opsgenie/v2/alerts") return r.body.alias === alias ? ["create"] : [];
        const match = /^\/opsgenie\/v2\/alerts\/([^/]+)\/(acknowledge|close)\?identifierType=alias$/.exec(
          r.path,
        );
        return match && decodeURIComponent(match[1] ?? "") === alias ? [match[2] as string] : [];
      });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #takeFault(pager: PagerName): PagerFault | undefined {
    const fault = this.#faults.find((f) => f.pager === pager && (f.times ?? 1) > 0);
    if (fault) fault.times = (fault.times ?? 1) - 1;
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = req.url ?? "/";
    const pager: PagerName | undefined = path.startsWith("/pagerduty/")
      ? "pagerduty"
      : path.startsWith("/opsgenie/")
        ? "opsgenie"
        : path.startsWith("/webhook")
          ? "webhook"
          : undefined;
    // A delayed answer is processed at once and answered late, like a service that took the
    // request but whose answer the caller is still waiting for (a crash lands in between).
    let answerDelayMs = 0;
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (pager) this.requests.push({ pager, path, headers: req.headers, body: parsed ?? {}, status });
      const write = () => {
        if (res.destroyed) return;
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      if (answerDelayMs) setTimeout(write, answerDelayMs).unref();
      else write();
    };
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      parsed = undefined;
    }
    if (!pager || req.method !== "POST") return reply(404, { message: "not found" });
    const fault = this.#takeFault(pager);
    if (fault?.kind === "delay") answerDelayMs = fault.delayMs ?? 1000;
    else if (fault?.kind === "status") {
      const status = fault.status ?? 500;
      return reply(
        status,
        status === 429
          ? { status: "throttle event", message: "Requests for this service are arriving too quickly" }
          : { status: "error", message: `injected ${status}` },
        status === 429 && fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {},
      );
    }
    if (!parsed)
      return reply(400, {
        status: "invalid event",
        message: "Event object is invalid",
        errors: ["body is not JSON"],
      });
    if (pager === "pagerduty") return this.#pagerduty(parsed, reply);
    if (pager === "opsgenie") return this.#opsgenie(req, path, parsed, reply);
    return this.#webhook(req, raw, parsed, reply);
  }

  #pagerduty(body: Record<string, unknown>, reply: (status: number, body: unknown) => unknown): unknown {
    const errors: string[] = [];
    const routingKey = body.routing_key;
    const action = body.event_action;
    const dedupKey = typeof body.dedup_key === "string" ? body.dedup_key : undefined;
    if (typeof routingKey !== "string" || routingKey.length !== 32) errors.push("'routing_key' is invalid");
    if (action !== "trigger" && action !== "acknowledge" && action !== "resolve")
      errors.push("'event_action' is invalid");
    if (action !== "trigger" && !dedupKey) errors.push("'dedup_key' is missing");
    if (dedupKey && dedupKey.length > 255) errors.push("'dedup_key' is too long");
    const payload = body.payload as Record<string, unknown> | undefined;
    if (action === "trigger") {
      if (typeof payload?.summary !== "string" || !payload.summary)
        errors.push("'payload.summary' is missing");
      else if (payload.summary.length > 1024) errors.push("'payload.summary' is too long");
      if (typeof payload?.source !== "string" || !payload.source) errors.push("'payload.source' is missing");
      if (!PD_SEVERITIES.has(String(payload?.severity))) errors.push("'payload.severity' is invalid");
    }
    if (errors.length)
      return reply(400, { status: "invalid event", message: "Event object is invalid", errors });
    if (this.#options.routingKeys && !this.#options.routingKeys.includes(routingKey as string))
      return reply(400, {
        status: "invalid event",
        message: "Event object is invalid",
        errors: ["Invalid routing key"],
      });
    const key = dedupKey ?? randomUUID().replace(/-/g, "");
    const existing = this.pagerdutyAlerts.get(key);
    if (action === "trigger") {
      if (existing && existing.status !== "resolved") existing.triggers++;
      else
        this.pagerdutyAlerts.set(key, {
          dedupKey: key,
          routingKey: routingKey as string,
          status: "triggered",
          summary: String(payload?.summary),
          triggers: 1,
        });
    } else if (existing && existing.status !== "resolved") {
      existing.status = action === "acknowledge" ? "acknowledged" : "resolved";
    }
    reply(202, { status: "success", message: "Event processed", dedup_key: key });
  }

  #opsgenie(
    req: IncomingMessage,
    path: string,
    body: Record<string, unknown>,
    reply: (status: number, body: unknown) => unknown,
  ): unknown {
    const answer = () =>
      reply(202, { result: "Request will be processed", took: 0.01, requestId: randomUUID() });
    if (req.headers.authorization !== `GenieKey ${this.#options.opsgenieKey}`)
      return reply(401, { message: "Key format is not valid!", took: 0, requestId: randomUUID() });
    if (path === "/opsgenie/v2/alerts") {
      const message = body.message;
      if (typeof message !== "string" || !message.trim())
        return reply(422, {
          message: "Request body is not processable. Please check the errors.",
          errors: { message: "Message can not be empty." },
          took: 0,
          requestId: randomUUID(),
        });
      if (message.length > 130)
        return reply(422, {
          message: "Request body is not processable.",
          errors: { message: "Message can not be longer than 130 characters." },
          took: 0,
          requestId: randomUUID(),
        });
      const alias = typeof body.alias === "string" ? body.alias : randomUUID();
      const open = this.opsgenieAlerts.find((a) => a.alias === alias && a.status === "open");
      if (open) open.creates++;
      else
        this.opsgenieAlerts.push({
          alias,
          message,
          responders: Array.isArray(body.responders) ? body.responders : [],
          priority: typeof body.priority === "string" ? body.priority : undefined,
          acknowledged: false,
          status: "open",
          creates: 1,
        });
      return answer();
    }
    const match = /^\/opsgenie\/v2\/alerts\/([^/?]+)\/(acknowledge|close)(\?.*)?$/.exec(path);
    if (!match)
      return reply(404, {
        message: "Could not find the requested resource",
        took: 0,
        requestId: randomUUID(),
      });
    const query = new URLSearchParams(match[3]?.slice(1) ?? "");
    const identifierType = query.get("identifierType") ?? "id";
    const identifier = decodeURIComponent(match[1] ?? "");
    const alert =
      identifierType === "alias"
        ? this.opsgenieAlerts.find((a) => a.alias === identifier && a.status === "open")
        : undefined;
    // Opsgenie processes these asynchronously: 202 even when no alert matches.
    if (alert) {
      if (match[2] === "acknowledge") alert.acknowledged = true;
      else alert.status = "closed";
    }
    return answer();
  }

  #webhook(
    req: IncomingMessage,
    raw: string,
    body: Record<string, unknown>,
    reply: (status: number, body: unknown) => unknown,
  ): unknown {
    const timestamp = String(req.headers["x-incident-bot-timestamp"] ?? "");
    const signature = String(req.headers["x-incident-bot-signature"] ?? "");
    const expected = webhookSignature(this.#options.webhookSecret, timestamp, raw);
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
    if (signature !== expected || !fresh) return reply(401, { message: "bad signature" });
    const key = String(req.headers["idempotency-key"] ?? "");
    if (!this.webhookEvents.some((e) => e.idempotencyKey === key))
      this.webhookEvents.push({ ...body, idempotencyKey: key });
    return reply(200, { ok: true });
  }
}

export function startPagerEmulator(options: PagerEmulatorOptions = {}): Promise<PagerEmulator> {
  return PagerEmulator.start(options);
}
