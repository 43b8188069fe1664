// A revision of this repository checked out on its own for `npm run bench:compare`: a temporary
// git worktree with the dependencies of its own lockfile and a Prisma client generated from its
// own schema, so the older bot runs exactly the code, libraries and queries it had.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface RevisionCheckout {
  /** Directory the revision's bot runs from. */
  root: string;
  /** Full commit id. */
  commit: string;
  /** How its node_modules came to be: its lockfile's own install, or this checkout's (same lockfile). */
  install: "npm ci" | "linked (same lockfile)";
  /** Deletes the worktree and everything installed in it. */
  remove(): Promise<void>;
}

async function git(cwd: string, args: string[]): Promise<string> {
  return (await run("git", args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** Node, not `npx tsx`: no shell, and the revision's own tsx from its own node_modules. */
async function inCheckout(root: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  await run(command, args, { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Checks `rev` out in a temporary worktree of the repository at `repoRoot` and installs it.
 * When its package-lock.json is byte for byte `repoRoot`'s, `repoRoot`'s node_modules are
 * linked instead of installed again (same packages; only the generated client differs, and it
 * lives under src/db/generated).
 */
export async function checkoutRevision(
  repoRoot: string,
  rev: string,
  log: (line: string) => void,
): Promise<RevisionCheckout> {
  const commit = (await git(repoRoot, ["rev-parse", "--verify", `${rev}^{commit}`])).trim();
  const root = join(mkdtempSync(join(tmpdir(), "incident-bot-compare-")), commit.slice(0, 12));
  await git(repoRoot, ["worktree", "add", "--detach", root, commit]);
  const remove = async () => {
    await git(repoRoot, ["worktree", "remove", "--force", root]).catch(() => {});
    rmSync(join(root, ".."), { recursive: true, force: true });
    await git(repoRoot, ["worktree", "prune"]).catch(() => {});
  };
  try {
    const lockfile = (dir: string) => readFileSync(join(dir, "package-lock.json"), "utf8");
    const sameLockfile = existsSync(join(repoRoot, "node_modules")) && lockfile(root) === lockfile(repoRoot);
    if (sameLockfile) {
      log(`${commit.slice(0, 7)}: same lockfile as ${repoRoot}; linking its node_modules`);
      symlinkSync(join(repoRoot, "node_modules"), join(root, "node_modules"), "dir");
      await inCheckout(root, process.execPath, ["--import", "tsx", "scripts/db.ts", "generate"]);
    } else {
      // Its postinstall generates its Prisma clients from its own schema.
      log(`${commit.slice(0, 7)}: npm ci --prefer-offline from its own lockfile (minutes)…`);
      await inCheckout(root, "npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"]);
    }
    return {
      root,
      commit,
      install: sameLockfile ? "linked (same lockfile)" : "npm ci",
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Applies `root`'s own migrations to `databaseUrl` with its own `db:migrate` command. */
export async function migrateWith(root: string, databaseUrl: string): Promise<void> {
  await inCheckout(root, process.execPath, ["--import", "tsx", "scripts/db.ts", "migrate"], {
    DATABASE_URL: databaseUrl,
  });
}

/** Which of `names` `root`'s source never mentions (variables an older revision ignores). */
export async function unknownTo(root: string, names: string[]): Promise<string[]> {
  const unknown: string[] = [];
  for (const name of names) {
    const found = await git(root, ["grep", "-l", "-F", name, "--", "src"]).catch(() => "");
    if (!found.trim()) unknown.push(name);
  }
  return unknown;
}
