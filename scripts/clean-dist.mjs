// `npm run build` starts from an empty dist/: a file deleted from src/ must not survive as a
// stale .js that still imports (and runs) in production.
import { rmSync } from "node:fs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
