// Structured logging: JSON lines in production, readable lines on a terminal. Bolt's own
// logger writes through the same sink. Every line passes a scrubber that removes Slack
// tokens and the signing secret, whatever code produced it.
import { Writable } from "node:stream";
import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from "@slack/bolt";
import pino from "pino";
import pretty from "pino-pretty";

export type Logger = pino.Logger;
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

const TOKEN_PATTERN = /\b(xox[abposer]|xapp)-[A-Za-z0-9-]+/g;

/** Replaces Slack tokens and the given secrets in `text` with "[redacted]". */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let scrubbed = text.replace(TOKEN_PATTERN, "[redacted]");
  for (const secret of secrets) {
    if (secret.length >= 8) scrubbed = scrubbed.split(secret).join("[redacted]");
  }
  return scrubbed;
}

export interface LoggerOptions {
  level: LogLevel;
  format: "json" | "pretty" | "auto";
  /** Values never to write (signing secret, tokens). */
  secrets?: readonly string[];
  /** Where lines go (default: stdout). Tests pass a collector. */
  destination?: { write(line: string): unknown };
}

/** Every logger made from a root (the root and its children), so a level change reaches all. */
const families = new WeakMap<Logger, Set<WeakRef<Logger>>>();

export function createLogger(options: LoggerOptions): Logger {
  const target = options.destination ?? process.stdout;
  const usePretty =
    options.format === "pretty" || (options.format === "auto" && Boolean(process.stdout.isTTY));
  const secrets = options.secrets ?? [];
  const sink = usePretty
    ? pretty({
        colorize: Boolean(process.stdout.isTTY),
        translateTime: "SYS:HH:MM:ss.l",
        destination: lineWriter(target, secrets),
        sync: true,
      })
    : lineWriter(target, secrets);
  const family = new Set<WeakRef<Logger>>();
  const root = pino(
    {
      level: options.level,
      // Inherited by children (and theirs): each one joins the family as it is made.
      onChild: (child) => {
        family.add(new WeakRef(child as Logger));
      },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["token", "*.token", "headers.authorization", "*.headers.authorization"],
        censor: "[redacted]",
      },
    },
    sink,
  );
  family.add(new WeakRef(root));
  families.set(root, family);
  return root;
}

/**
 * Changes the level of `root` and of every child made from it, at run time. A pino child keeps
 * the level it was made with, so setting the root alone would leave the outbox, scheduler and
 * Bolt loggers where they were.
 */
export function setLogLevel(root: Logger, level: LogLevel): void {
  const family = families.get(root);
  if (!family) {
    root.level = level;
    return;
  }
  for (const ref of family) {
    const logger = ref.deref();
    if (logger) logger.level = level;
    else family.delete(ref);
  }
}

/** The next level SIGUSR2 moves to: configured → debug → trace → configured (see README). */
export function nextLogLevel(configured: LogLevel, current: string): LogLevel {
  const cycle = [...new Set<LogLevel>([configured, "debug", "trace"])];
  const index = cycle.indexOf(current as LogLevel);
  return cycle[(index + 1) % cycle.length] ?? configured;
}

function lineWriter(target: { write(line: string): unknown }, secrets: readonly string[]): Writable {
  return new Writable({
    write(chunk, _encoding, callback) {
      target.write(scrubSecrets(chunk.toString(), secrets));
      callback();
    },
  });
}

const BOLT_TO_PINO: Record<string, LogLevel> = { debug: "debug", info: "info", warn: "warn", error: "error" };

/** Bolt's Logger interface over a pino logger, so Bolt writes to the same sink. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  let level = child.level;
  const write =
    (method: LogLevel) =>
    (...messages: unknown[]) => {
      const error = messages.find((m) => m instanceof Error);
      const text = messages
        .filter((m) => !(m instanceof Error))
        .map(String)
        .join(" ");
      if (error) child[method]({ err: error }, text);
      else child[method](text);
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel(next: BoltLogLevel) {
      level = BOLT_TO_PINO[next] ?? "info";
      child.level = level;
    },
    getLevel() {
      return (level === "trace" ? "debug" : level === "fatal" ? "error" : level) as BoltLogLevel;
    },
    setName() {},
  };
}
