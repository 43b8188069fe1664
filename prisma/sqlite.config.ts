// Prisma CLI configuration for the embedded SQLite store. The "js" engine runs migrations
// on the WASM schema engine through the driver adapter: no engine binary is downloaded.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL } from "../src/db/database-url.ts";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "sqlite/schema.prisma",
  migrations: { path: "sqlite/migrations" },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL || DEFAULT_DATABASE_URL });
  },
});
