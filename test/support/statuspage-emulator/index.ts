// A local emulator of the Atlassian Statuspage REST API (developer.statuspage.io), on 127.0.0.1
// only, for end-to-end tests: the incidents and components of one page, behind
// `Authorization: OAuth <key>` (401 otherwise, 404 for another page id). Implements what the
// bot uses: POST/PATCH/GET /v1/pages/{page_id}/incidents[/{id}], GET …/incidents/unresolved,
// GET/POST /v1/pages/{page_id}/components and PATCH …/components/{id}. Keeps every request and
// can be told to fail (429 with Retry-After, 5xx, 4xx) the next N requests.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const INCIDENT_STATUSES = new Set(["investigating", "identified", "monitoring", "resolved"]);
const COMPONENT_STATUSES = new Set([
  "operational",
  "under_maintenance",
  "degraded_performance",
  "partial_outage",
  "major_outage",
]);

export interface EmulatedIncidentUpdate {
  id: string;
  status: string;
  body: string;
  created_at: string;
}

export interface EmulatedIncident {
  id: string;
  name: string;
  status: string;
  created_at: string;
  resolved_at: string | null;
  /** The components it affects. */
  component_ids: string[];
  /** Newest first, as Statuspage lists them. */
  incident_updates: EmulatedIncidentUpdate[];
}

export interface EmulatedComponent {
  id: string;
  name: string;
  status: string;
}

export interface StatuspageRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
  status: number;
}

export interface StatuspageFault {
  status: number;
  /** Seconds, sent as Retry-After with a 429. */
  retryAfter?: number;
  /** How many requests it applies to (default 1). */
  times?: number;
  /** Carry the request out, then answer with the failure (a reply lost on the way back). */
  afterProcessing?: boolean;
}

const newId = () => randomBytes(6).toString("hex");

export class StatuspageEmulator {
  readonly requests: StatuspageRequest[] = [];
  readonly incidents: EmulatedIncident[] = [];
  readonly components: EmulatedComponent[] = [];
  #faults: StatuspageFault[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly apiKey: string,
    readonly pageId: string,
  ) {}

  static async start(options: { apiKey?: string; pageId?: string } = {}): Promise<StatuspageEmulator> {
    let emulator: StatuspageEmulator | undefined;
    const server = createServer((req, res) => {
      void emulator?.handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    emulator = new StatuspageEmulator(
      server,
      `http://127.0.0.1:${port}`,
      options.apiKey ?? "sp-test-key-0123456789",
      options.pageId ?? "testpage01",
    );
    return emulator;
  }

  /** Environment that points the bot at this emulator. */
  env(): Record<string, string> {
    return {
      STATUSPAGE_API_KEY: this.apiKey,
      STATUSPAGE_PAGE_ID: this.pageId,
      STATUSPAGE_API_URL: `${this.url}/v1`,
    };
  }

  injectFault(fault: StatuspageFault): void {
    this.#faults.push({ times: 1, ...fault });
  }

  /** A component that exists at Statuspage before the bot runs (e.g. mapped in config). */
  addComponent(name: string, status = "operational"): EmulatedComponent {
    const component = { id: newId(), name, status };
    this.components.push(component);
    return component;
  }

  /** Requests that changed something (POST/PATCH), answered with `status` (any when absent). */
  writes(status?: number): StatuspageRequest[] {
    return this.requests.filter((r) => r.method !== "GET" && (status === undefined || r.status === status));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #takeFault(): StatuspageFault | undefined {
    const fault = this.#faults.find((f) => (f.times ?? 1) > 0);
    if (fault) fault.times = (fault.times ?? 1) - 1;
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      parsed = undefined;
    }
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({
        method,
        path,
        authorization: req.headers.authorization,
        body: parsed ?? {},
        status,
      });
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const fault = this.#takeFault();
    if (fault?.afterProcessing) {
      this.#route(method, path, parsed, req.headers.authorization, () => {});
      return reply(fault.status, { error: "injected after processing" });
    }
    if (fault) {
      const headers: Record<string, string> =
        fault.status === 429 && fault.retryAfter !== undefined
          ? { "retry-after": String(fault.retryAfter) }
          : {};
      const message =
        fault.status === 429
          ? "Rate limit exceeded"
          : fault.status === 401
            ? "Could not authenticate"
            : "injected";
      return reply(fault.status, { error: message }, headers);
    }
    return this.#route(method, path, parsed, req.headers.authorization, reply);
  }

  #route(
    method: string,
    path: string,
    parsed: Record<string, unknown> | undefined,
    authorization: string | undefined,
    reply: (status: number, body: unknown) => unknown,
  ): unknown {
    if (authorization !== `OAuth ${this.apiKey}`) return reply(401, { error: "Could not authenticate" });
    const url = new URL(path, this.url);
    const match = /^\/v1\/pages\/([^/]+)\/(incidents|components)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match || match[1] !== this.pageId) return reply(404, { error: "Not found" });
    if (!parsed) return reply(400, { error: "body is not JSON" });
    const [, , collection, id] = match;
    const now = new Date().toISOString();
    if (collection === "incidents") {
      if (method === "GET" && id === "unresolved")
        return reply(
          200,
          [...this.incidents].reverse().filter((i) => i.status !== "resolved"),
        );
      if (method === "POST" && !id) {
        const input = (parsed.incident ?? {}) as Record<string, unknown>;
        if (typeof input.name !== "string" || !input.name.trim())
          return reply(422, { error: ["name can't be blank"] });
        const status = String(input.status ?? "investigating");
        if (!INCIDENT_STATUSES.has(status)) return reply(422, { error: ["status is not valid"] });
        const incident: EmulatedIncident = {
          id: newId(),
          name: input.name,
          status,
          created_at: now,
          resolved_at: status === "resolved" ? now : null,
          component_ids: Array.isArray(input.component_ids) ? input.component_ids.map(String) : [],
          incident_updates: [{ id: newId(), status, body: String(input.body ?? ""), created_at: now }],
        };
        this.incidents.push(incident);
        return reply(201, incident);
      }
      const incident = this.incidents.find((i) => i.id === id);
      if (!incident) return reply(404, { error: "Incident not found" });
      if (method === "GET") return reply(200, incident);
      if (method === "PATCH" || method === "PUT") {
        const input = (parsed.incident ?? {}) as Record<string, unknown>;
        const status = input.status === undefined ? incident.status : String(input.status);
        if (!INCIDENT_STATUSES.has(status)) return reply(422, { error: ["status is not valid"] });
        if (typeof input.name === "string") incident.name = input.name;
        if (Array.isArray(input.component_ids)) incident.component_ids = input.component_ids.map(String);
        // Statuspage adds an incident update when the status changes or a body is given.
        if (status !== incident.status || typeof input.body === "string")
          incident.incident_updates.unshift({
            id: newId(),
            status,
            body: typeof input.body === "string" ? input.body : "",
            created_at: now,
          });
        incident.status = status;
        if (status === "resolved" && !incident.resolved_at) incident.resolved_at = now;
        return reply(200, incident);
      }
      return reply(405, { error: "Method not allowed" });
    }
    if (method === "GET" && !id) {
      const page = Number(url.searchParams.get("page") ?? 1);
      const perPage = Number(url.searchParams.get("per_page") ?? 100);
      return reply(200, this.components.slice((page - 1) * perPage, page * perPage));
    }
    if (method === "POST" && !id) {
      const input = (parsed.component ?? {}) as Record<string, unknown>;
      if (typeof input.name !== "string" || !input.name.trim())
        return reply(422, { error: ["name can't be blank"] });
      const status = String(input.status ?? "operational");
      if (!COMPONENT_STATUSES.has(status)) return reply(422, { error: ["status is not valid"] });
      return reply(201, this.addComponent(input.name, status));
    }
    const component = this.components.find((c) => c.id === id);
    if (!component) return reply(404, { error: "Component not found" });
    if (method === "PATCH" || method === "PUT") {
      const input = (parsed.component ?? {}) as Record<string, unknown>;
      if (input.status !== undefined) {
        if (!COMPONENT_STATUSES.has(String(input.status)))
          return reply(422, { error: ["status is not valid"] });
        component.status = String(input.status);
      }
      return reply(200, component);
    }
    return reply(405, { error: "Method not allowed" });
  }
}

export function startStatuspageEmulator(options: { apiKey?: string; pageId?: string } = {}) {
  return StatuspageEmulator.start(options);
}
