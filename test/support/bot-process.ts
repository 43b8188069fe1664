// The bot as a real separate process (`node --import tsx src/main.ts`, or `node dist/main.js`
// for a compiled build), for tests that signal it (SIGKILL, SIGTERM) or run several replicas.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { eventually } from "./eventually.ts";

const ROOT = join(import.meta.dirname, "..", "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface BotProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface BotProcessOptions {
  /**
   * The checkout the bot runs from (its code, node_modules and generated Prisma client);
   * default this one. `npm run bench:compare` runs an older revision from a temporary worktree.
   */
  root?: string;
}

/**
 * Starts `script` (default the bot) with `env` and waits until its /healthz answers. A `.js`
 * script (the production build) runs under plain node, without tsx. `nodeArgs` go to node
 * before the script (the benchmark's profiler: `--cpu-prof`, a query-counting preload).
 */
export async function startBotProcess(
  env: Record<string, string>,
  script = "src/main.ts",
  nodeArgs: string[] = [],
  options: BotProcessOptions = {},
): Promise<BotProcess> {
  const port = await freePort();
  const args = [...nodeArgs, ...(script.endsWith(".js") ? [script] : ["--import", "tsx", script])];
  const child = spawn(process.execPath, args, {
    cwd: options.root ?? ROOT,
    env: {
      ...process.env,
      LOG_FORMAT: "json",
      LOG_LEVEL: "info",
      SLACK_CALLS_IN_TRANSACTION: "refuse",
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  // Starting tsx and migrating takes seconds on a quiet machine and much longer on a busy one.
  const healthy = eventually(
    async () => {
      const response = await fetch(`${url}/healthz`);
      if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
    },
    { timeoutMs: 90_000, intervalMs: 100 },
  );
  const died = exited.then((code) => {
    throw new Error(`bot exited early (${code}):\n${output.join("")}`);
  });
  try {
    await Promise.race([healthy, died]);
  } catch (error) {
    if (child.exitCode === null) child.kill("SIGKILL");
    throw new Error(`bot did not start (${String(error)}):\n${output.join("")}`);
  }
  died.catch(() => {}); // a later exit is the test's business (kill() awaits it)
  return {
    url,
    port,
    child,
    output,
    exited,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
