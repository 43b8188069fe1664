// Options and free text of one verb, parsed from tokens.
import { badInput } from "../errors.ts";
import { escapeMrkdwn } from "../text/mrkdwn.ts";
import { type Token, tokenize } from "./tokenize.ts";

export interface OptionSpec {
  /** Takes a value (`--sev 1`, `--sev=1`) or is a switch (`--private`). */
  value: boolean;
}

export interface ArgumentSpec {
  options: Record<string, OptionSpec>;
  /**
   * When the verb ends in free text (an update, a note, a reason), unknown `--words` are part
   * of that text ("we ran deploy --force"); otherwise they are mistakes and reported.
   */
  freeText: boolean;
}

export interface ParsedArguments {
  words: Token[];
  options: Map<string, string | true>;
  /** The text from word `index` to the end, as typed, with options cut out. */
  textFrom(index: number): string;
}

const CLOCK_TIME = /^\d{1,2}:\d{2}(:\d{2})?$/;
/** A zone said after a time: `UTC`, `Z`, `GMT` or an offset (`+09:00`). */
const ZONE_SUFFIX = /^(UTC|Z|GMT|[+-]\d{2}(:?\d{2})?)$/i;

export function parseArguments(source: string, spec: ArgumentSpec): ParsedArguments {
  const tokens = tokenize(source);
  const words: Token[] = [];
  const options = new Map<string, string | true>();
  const removed: [number, number][] = [];
  let optionsEnded = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const match =
      !optionsEnded && !token.quoted ? /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(token.value) : null;
    if (!optionsEnded && !token.quoted && token.value === "--") {
      optionsEnded = true;
      removed.push([token.start, token.end]);
      continue;
    }
    const name = match?.[1]?.toLowerCase();
    const option = name ? spec.options[name] : undefined;
    if (!match || !name || !option) {
      if (match && !spec.freeText) throw badInput(`I don't know the option \`--${name}\`.`);
      words.push(token);
      continue;
    }
    if (options.has(name)) throw badInput(`\`--${name}\` is given twice.`);
    if (!option.value) {
      if (match[2] !== undefined) throw badInput(`\`--${name}\` takes no value.`);
      options.set(name, true);
      removed.push([token.start, token.end]);
      continue;
    }
    if (match[2] !== undefined) {
      if (!match[2]) throw badInput(`\`--${name}\` needs a value.`);
      options.set(name, match[2]);
      removed.push([token.start, token.end]);
      continue;
    }
    const next = tokens[i + 1];
    if (!next || (!next.quoted && /^--[a-z]/i.test(next.value)))
      throw badInput(`\`--${name}\` needs a value.`);
    // "--at 2026-03-08 06:21 UTC": a date, a time and a zone after it are one value.
    const parts = [next];
    if (/^\d{4}-\d{2}-\d{2}$/.test(next.value) && CLOCK_TIME.test(tokens[i + 2]?.value ?? ""))
      parts.push(tokens[i + 2] as Token);
    const last = parts.at(-1) as Token;
    const after = tokens[i + parts.length + 1];
    if (/\d:\d{2}$/.test(last.value) && after && !after.quoted && ZONE_SUFFIX.test(after.value))
      parts.push(after);
    const valueEnd = parts.at(-1) as Token;
    options.set(name, parts.map((p) => p.value).join(" "));
    removed.push([token.start, valueEnd.end]);
    i += parts.length;
  }
  return {
    words,
    options,
    textFrom(index) {
      const first = words[index];
      if (!first) return "";
      let text = "";
      let cursor = first.start;
      for (const [start, end] of removed) {
        if (end <= cursor) continue;
        text += source.slice(cursor, start);
        cursor = end;
      }
      text += source.slice(cursor);
      return text.replace(/[ \t]{2,}/g, " ").trim();
    },
  };
}

/** A user ID from `<@U123|name>`, `<@U123>` or a bare `U123ABC`. */
export function userIdFrom(text: string): string | undefined {
  return /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(text)?.[1] ?? /^([UW][A-Z0-9]{6,})$/.exec(text)?.[1];
}

/** A user-group ID from `<!subteam^S123|@name>` or a bare `S123ABC`. */
export function userGroupIdFrom(text: string): string | undefined {
  return /^<!subteam\^(S[A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(text)?.[1] ?? /^(S[A-Z0-9]{6,})$/.exec(text)?.[1];
}

/** The handle a user-group mention carries (`<!subteam^S123|@sre-us1>` → `sre-us1`), if any. */
export function userGroupHandleFrom(text: string): string | undefined {
  return /^<!subteam\^S[A-Z0-9]{2,}\|@?([a-z0-9._-]{1,80})>$/i.exec(text)?.[1];
}

/** A channel ID from `<#C123|name>` or a bare `C123ABC`. */
export function channelIdFrom(text: string): string | undefined {
  return /^<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(text)?.[1] ?? /^([CG][A-Z0-9]{6,})$/.exec(text)?.[1];
}

/** The user ID a token names, or a clear error telling the person how to name someone. */
export function requireUser(token: Token | undefined, what = "a person"): string {
  const id = token ? userIdFrom(token.value) : undefined;
  if (!id) {
    throw badInput(
      token
        ? `\`${escapeMrkdwn(token.value.slice(0, 60))}\` is not a Slack user I recognise: mention ${what} with @ and pick them from the list.`
        : `Name ${what} with an @mention.`,
    );
  }
  return id;
}

/**
 * `--page <n>`: a 1-based page number, or undefined when not given (list, roles, timeline).
 * `example` shows a whole command when the value is missing.
 */
export function pageOption(value: string | true | undefined, example?: string): number | undefined {
  if (value === true) throw badInput(`\`--page\` needs a value${example ? `: \`${example}\`` : ""}.`);
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,6}$/.test(value)) throw badInput("`--page` is a page number: 1, 2, 3…");
  return Number(value);
}
