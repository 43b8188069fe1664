// The bench process's side of the staleness benchmark's Slack (slack-process.ts): forks it,
// and turns each request into a promise of its answer.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { CommandAnswer, SeededSlack, SlackRequest, SlackSnapshot } from "./slack-protocol.ts";

export interface RemoteSlack {
  seeded: SeededSlack;
  /** Moves the bench clock in Slack's process on; answers its time after the move. */
  skip(ms: number): Promise<number>;
  setRateLimits(setting: "slack-tiers"): Promise<number>;
  connect(eventsUrl: string, signingSecret: string): Promise<void>;
  command(text: string, user: string, channel: string): Promise<CommandAnswer>;
  acceptHandoff(channel: string, toUser: string): Promise<{ status: number; sentAt: number }>;
  waitForPost(channel: string, marker: string): Promise<number>;
  lastCall(): Promise<{ method: string; receivedAt: number } | null>;
  snapshot(imsOf: string[], membersOf: string[]): Promise<SlackSnapshot>;
  stop(): Promise<void>;
}

type Answer = { id: number; value?: unknown; error?: string } | { ready: SeededSlack };

export async function startRemoteSlack(options: {
  responders: number;
  regions: number;
}): Promise<RemoteSlack> {
  const child: ChildProcess = fork(join(import.meta.dirname, "slack-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      STALENESS_RESPONDERS: String(options.responders),
      STALENESS_REGIONS: String(options.regions),
    },
    // Maps and undefined survive; the call records come back as they were recorded.
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let exited: Error | undefined;
  const seeded = new Promise<SeededSlack>((resolve, reject) => {
    child.on("message", (message: Answer) => {
      if ("ready" in message) return resolve(message.ready);
      const call = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) call?.reject(new Error(message.error));
      else call?.resolve(message.value);
    });
    child.on("exit", (code, signal) => {
      exited = new Error(`the staleness Slack process exited (${signal ?? code})`);
      reject(exited);
      for (const call of waiting.values()) call.reject(exited);
      waiting.clear();
    });
  });
  let next = 0;
  const ask = <T>(request: SlackRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(exited);
      const id = ++next;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, request });
    });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await gone;
  };
  try {
    return {
      seeded: await seeded,
      skip: (ms) => ask({ op: "skip", ms }),
      setRateLimits: (setting) => ask({ op: "setRateLimits", setting }),
      connect: (eventsUrl, signingSecret) => ask({ op: "connect", eventsUrl, signingSecret }),
      command: (text, user, channel) => ask({ op: "command", text, user, channel }),
      acceptHandoff: (channel, toUser) => ask({ op: "acceptHandoff", channel, toUser }),
      waitForPost: (channel, marker) => ask({ op: "waitForPost", channel, marker }),
      lastCall: () => ask({ op: "lastCall" }),
      snapshot: (imsOf, membersOf) => ask({ op: "snapshot", imsOf, membersOf }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
