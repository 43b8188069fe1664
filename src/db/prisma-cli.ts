// Runs the Prisma CLI (migrations) for one provider. Shared by the app's start-up
// migration on SQLite, `npm run db:migrate`, and the scripts behind the other db:* commands.
import { execFile } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Provider } from "./database-url.ts";

const run = promisify(execFile);
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PRISMA_BIN = join(PROJECT_ROOT, "node_modules", ".bin", "prisma");

export function prismaConfigPath(provider: Provider): string {
  return join(PROJECT_ROOT, "prisma", `${provider}.config.ts`);
}

export function migrationsDir(provider: Provider): string {
  return join(PROJECT_ROOT, "prisma", provider, "migrations");
}

/** Runs `prisma <args>` against `databaseUrl`; resolves with stdout, rejects with stderr. */
export async function runPrisma(provider: Provider, args: string[], databaseUrl: string): Promise<string> {
  try {
    const { stdout } = await run(PRISMA_BIN, [...args, "--config", prismaConfigPath(provider)], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${join(PROJECT_ROOT, "scripts", "unref-schema-engine-timers.cjs")}`,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`prisma ${args.join(" ")} failed: ${stderr.trim() || String(error)}`);
  }
}
