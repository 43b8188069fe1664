// The rotations the bot runs with: read from ROTATIONS_FILE at start-up (an invalid file stops
// the bot, like any configuration problem) and reloaded on request. A reload that finds
// problems keeps the rotations already loaded, so a typo never turns handoffs off.
import { readFile } from "node:fs/promises";
import { parseRotationsFile, type RotationsFile } from "../../domain/rotation/parse-file.ts";
import type { Rotation } from "../../domain/rotation/types.ts";

export class RotationsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The rotations file ${file} has problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "RotationsFileError";
  }
}

export async function readRotationsFile(file: string, now: Date): Promise<RotationsFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : String(error);
    return { rotations: [], problems: [`${file}: ${reason}`], warnings: [] };
  }
  return parseRotationsFile(text, file, now);
}

export interface ReloadResult {
  ok: boolean;
  problems: string[];
  warnings: string[];
  rotations: string[];
}

export class RotationRegistry {
  #rotations = new Map<string, Rotation>();
  #warnings: string[] = [];
  /** The reload generation this process last applied (see sync-rotations.ts). */
  generation = 0;

  constructor(
    readonly file: string | undefined,
    initial: RotationsFile | null = null,
  ) {
    if (initial) this.#apply(initial);
  }

  get configured(): boolean {
    return this.file !== undefined;
  }

  get warnings(): readonly string[] {
    return this.#warnings;
  }

  get(name: string): Rotation | undefined {
    return this.#rotations.get(name.trim().toLowerCase());
  }

  list(): Rotation[] {
    return [...this.#rotations.values()];
  }

  names(): string[] {
    return [...this.#rotations.keys()];
  }

  /** Reads the file again; on problems nothing changes and the problems are returned. */
  async reload(now: Date): Promise<ReloadResult> {
    if (!this.file) {
      return { ok: false, problems: ["ROTATIONS_FILE is not set"], warnings: [], rotations: this.names() };
    }
    const read = await readRotationsFile(this.file, now);
    if (read.problems.length) {
      return { ok: false, problems: read.problems, warnings: [], rotations: this.names() };
    }
    this.#apply(read);
    return { ok: true, problems: [], warnings: read.warnings, rotations: this.names() };
  }

  #apply(file: RotationsFile): void {
    this.#rotations = new Map(file.rotations.map((r) => [r.name, r]));
    this.#warnings = file.warnings;
  }
}

/** The registry for start-up: throws RotationsFileError when the configured file is unusable. */
export async function loadRotationRegistry(file: string | undefined, now: Date): Promise<RotationRegistry> {
  if (!file) return new RotationRegistry(undefined);
  const read = await readRotationsFile(file, now);
  if (read.problems.length) throw new RotationsFileError(file, read.problems);
  return new RotationRegistry(file, read);
}
