// Reading Web API arguments. Form bodies carry everything as strings, with objects (blocks,
// view, files…) as JSON strings inside the form; JSON bodies carry real values. Handlers
// read both through these helpers.
import { violate } from "./errors.ts";
import type { Args } from "./types.ts";

/** Fields Slack documents as JSON-encoded when sent in a form. */
const JSON_FIELDS = new Set([
  "attachments",
  "blocks",
  "document_content",
  "files",
  "metadata",
  "view",
  "unfurls",
  "user_auth_blocks",
  "changes",
  "criteria",
]);

/** Marks a JSON field that was not valid JSON, so the handler can fail with invalid_*_format. */
export class MalformedJson {
  constructor(readonly raw: string) {}
}

export function decodeJsonFields(raw: Record<string, unknown>): Args {
  const args: Args = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === "token") continue; // never kept in call records
    if (JSON_FIELDS.has(key) && typeof value === "string") {
      try {
        args[key] = JSON.parse(value);
      } catch {
        args[key] = new MalformedJson(value);
      }
    } else {
      args[key] = value;
    }
  }
  return args;
}

export function str(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A non-empty string argument, or an invalid_arguments violation. */
export function requireStr(args: Args, key: string): string {
  const value = str(args, key);
  if (value === undefined || value === "")
    violate("invalid_arguments", `missing required argument \`${key}\``);
  return value;
}

export function bool(args: Args, key: string): boolean {
  const value = args[key];
  if (typeof value === "boolean") return value;
  return value === "true" || value === "1" || value === 1;
}

export function int(args: Args, key: string, fallback: number): number {
  const value = args[key];
  const n =
    typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : NaN;
  return Number.isInteger(n) ? n : fallback;
}

/**
 * A decoded JSON argument (undefined when absent). A field that was not valid JSON fails
 * with `formatError`, e.g. invalid_blocks_format, as Slack does.
 */
export function json(args: Args, key: string, formatError = "invalid_arguments"): unknown {
  const value = args[key];
  if (value instanceof MalformedJson) violate(formatError, `\`${key}\` is not valid JSON`);
  if (value === "") return undefined;
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Comma-separated ids, trimmed, empties dropped. */
export function csv(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
