// Block Kit checked against an outside reference: a third party's JSON Schema compiled from
// Slack's Block Kit reference (test/fixtures/slack/block-kit-schema, MIT). Our own rules
// (block-kit-rules.ts) know surfaces and payload-wide limits the schema does not; the schema
// knows every field of every block and element, which our rules only partly cover. A block
// either check rejects fails the call, so a payload Slack would refuse fails the test that sent it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Checker } from "./block-kit-checker.ts";

const SCHEMA_FILE = join(
  import.meta.dirname,
  "..",
  "..",
  "fixtures",
  "slack",
  "block-kit-schema",
  "slack-block-kit.schema.json",
);

// ajv-formats is CommonJS; under ESM its function arrives as the default export or its property.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

interface Validators {
  /** Any block: the schema's discriminated union. */
  block: ValidateFunction;
  /** One block type's own schema, for an error message that names the field at fault. */
  ofType: Map<string, ValidateFunction | null>;
  ajv: Ajv2020;
  id: string;
}

let validators: Validators | undefined;

function load(): Validators {
  if (validators) return validators;
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as { $id: string };
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(schema);
  const block = ajv.getSchema(`${schema.$id}#/$defs/block`);
  if (!block) throw new Error(`${SCHEMA_FILE} has no $defs/block`);
  validators = { block, ofType: new Map(), ajv, id: schema.$id };
  return validators;
}

function validatorOfType(v: Validators, type: string): ValidateFunction | null {
  if (!v.ofType.has(type)) {
    const safe = /^[a-z_]+$/.test(type) ? type : "";
    v.ofType.set(type, (safe && v.ajv.getSchema(`${v.id}#/$defs/${safe}_block`)) || null);
  }
  return v.ofType.get(type) ?? null;
}

function describe(errors: ErrorObject[] | null | undefined, limit = 3): string {
  return (errors ?? [])
    .slice(0, limit)
    .map((e) => `${e.instancePath || "(block)"} ${e.message ?? "is invalid"}${paramsOf(e)}`)
    .join("; ");
}

function paramsOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (typeof p.additionalProperty === "string") return ` (${p.additionalProperty})`;
  if (Array.isArray(p.allowedValues)) return ` (${p.allowedValues.join(", ")})`;
  return "";
}

/** Adds an issue for every block the outside schema rejects, with the field it names. */
export function checkBlocksAgainstSchema(c: Checker, blocks: unknown[], pointer: string): void {
  const v = load();
  blocks.forEach((block, i) => {
    if (v.block(block)) return;
    const type = typeof block === "object" && block !== null ? (block as { type?: unknown }).type : undefined;
    const own = typeof type === "string" ? validatorOfType(v, type) : null;
    // The union's errors list every branch; the block's own type says what is actually wrong.
    const reason = own && !own(block) ? describe(own.errors) : describe(v.block.errors);
    c.add(`${pointer}/${i}`, `outside Block Kit schema rejects this ${String(type)} block: ${reason}`);
  });
}
