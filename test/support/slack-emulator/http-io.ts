// Reading requests and writing responses for the emulator's HTTP server.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import { boundaryOf, parseMultipart } from "./multipart.ts";

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The raw (still JSON-encoded) arguments of a Web API call, from the query string and body. */
export function parseApiArgs(
  req: IncomingMessage,
  body: Buffer,
  query: URLSearchParams,
): Record<string, unknown> {
  const args: Record<string, unknown> = Object.fromEntries(query);
  const contentType = req.headers["content-type"] ?? "";
  if (body.length === 0) return args;
  if (contentType.startsWith("application/json")) {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) Object.assign(args, parsed);
    return args;
  }
  if (contentType.startsWith("multipart/form-data")) {
    const boundary = boundaryOf(contentType);
    if (boundary) {
      for (const part of parseMultipart(body, boundary)) {
        args[part.name] = part.filename === undefined ? part.data.toString("utf8") : part.data;
      }
    }
    return args;
  }
  // Slack treats anything else as a form, which is what @slack/web-api sends.
  for (const [key, value] of Object.entries(parseQuery(body.toString("utf8")))) {
    args[key] = Array.isArray(value) ? value[value.length - 1] : value;
  }
  return args;
}

/** The token from `Authorization: Bearer …`, else the `token` argument. */
export function tokenOf(req: IncomingMessage, args: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length).trim();
  return typeof args.token === "string" && args.token !== "" ? args.token : undefined;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}
