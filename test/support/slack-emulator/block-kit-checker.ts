// Shared machinery for the Block Kit rules: collects issues with JSON pointers and checks
// the two things every block and element is made of, text objects and bounded strings.
import { isRecord } from "./args.ts";
import type { RuleIssue } from "./errors.ts";

/** Slack counts characters, not UTF-16 units; code points are the closest cheap measure. */
export function charLength(value: string): number {
  // Code points never outnumber code units, so short strings skip the count.
  if (value.length <= 75) return value.length;
  let n = 0;
  for (const _ of value) n++;
  return n;
}

export interface TextRule {
  what: string;
  /** Only plain_text allowed (headers, buttons, labels, modal titles…). */
  plainOnly?: boolean;
  max?: number;
  /** Absent is an issue (default true); present-but-empty is always an issue. */
  required?: boolean;
}

export class Checker {
  readonly issues: RuleIssue[] = [];

  /** `error`: the code the call fails with (invalid_blocks for messages, invalid_arguments for views). */
  constructor(readonly error: string) {}

  add(pointer: string, reason: string, error = this.error): void {
    this.issues.push({ error, pointer, reason });
  }

  /** An optional string of at most `max` characters. */
  maxString(value: unknown, max: number, pointer: string, what: string): void {
    if (value === undefined) return;
    if (typeof value !== "string") {
      this.add(pointer, `${what} must be a string`);
      return;
    }
    const length = charLength(value);
    if (length > max) this.add(pointer, `${what} must be at most ${max} characters (got ${length})`);
  }

  /** action_id / block_id / callback_id: optional, at most 255 characters. */
  id(value: unknown, pointer: string, what: string): string | undefined {
    this.maxString(value, 255, pointer, what);
    return typeof value === "string" ? value : undefined;
  }

  /** A composition text object: {type: plain_text|mrkdwn, text: non-empty}. */
  text(value: unknown, pointer: string, rule: TextRule): void {
    if (value === undefined) {
      if (rule.required !== false) this.add(pointer, `${rule.what} is required`);
      return;
    }
    if (!isRecord(value)) {
      this.add(pointer, `${rule.what} must be a text object`);
      return;
    }
    const allowed = rule.plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
    if (typeof value.type !== "string" || !allowed.includes(value.type)) {
      this.add(
        `${pointer}/type`,
        `${rule.what} type must be ${allowed.join(" or ")} (got ${String(value.type)})`,
      );
    }
    if (typeof value.text !== "string") {
      this.add(`${pointer}/text`, `${rule.what} needs a string \`text\``);
      return;
    }
    if (value.text === "") this.add(`${pointer}/text`, `${rule.what} text must not be empty`);
    this.maxString(value.text, rule.max ?? 3000, `${pointer}/text`, rule.what);
  }

  /** An array of at most `max` (and at least `min`) items; undefined and an issue if not an array. */
  list(value: unknown, pointer: string, what: string, max: number, min = 1): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.add(pointer, `${what} must be an array`);
      return undefined;
    }
    if (value.length > max) this.add(pointer, `${what} must have at most ${max} items (got ${value.length})`);
    if (value.length < min)
      this.add(pointer, `${what} must have at least ${min} item${min === 1 ? "" : "s"}`);
    return value;
  }
}
