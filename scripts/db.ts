// CLI behind the db:* npm scripts. See README "Database".
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DEFAULT_DATABASE_URL, providerOf, sqliteFilePath } from "../src/db/database-url.ts";
import {
  createMigration,
  PROVIDERS,
  pendingMigrationSql,
  prisma,
  staleSchemas,
  writeSchemas,
} from "./prisma-tools.ts";

const [command, ...args] = process.argv.slice(2);
const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

async function main(): Promise<number> {
  switch (command) {
    case "schemas":
      writeSchemas();
      return 0;
    case "generate":
      writeSchemas();
      for (const p of PROVIDERS) await prisma(p, ["generate"], databaseUrl);
      return 0;
    case "migrate": {
      const provider = providerOf(databaseUrl);
      if (provider === "sqlite") mkdirSync(dirname(sqliteFilePath(databaseUrl)), { recursive: true });
      process.stdout.write(await prisma(provider, ["migrate", "deploy"], databaseUrl));
      return 0;
    }
    case "new-migration": {
      const name = args[0];
      if (!name) {
        console.error("usage: npm run db:new-migration -- <name>");
        return 2;
      }
      writeSchemas();
      const written = await createMigration(name);
      console.log(written.length ? `wrote:\n  ${written.join("\n  ")}` : "no model changes: nothing written");
      return 0;
    }
    case "check": {
      const problems: string[] = [];
      for (const p of staleSchemas())
        problems.push(`prisma/${p}/schema.prisma is stale: run npm run db:schemas`);
      for (const p of PROVIDERS) {
        const sql = await pendingMigrationSql(p);
        if (sql)
          problems.push(
            `prisma/${p}/migrations lag the models: run npm run db:new-migration -- <name>\n${sql}`,
          );
      }
      for (const problem of problems) console.error(problem);
      if (!problems.length)
        console.log("schemas and migrations of both providers match prisma/models.prisma");
      return problems.length ? 1 : 0;
    }
    default:
      console.error("usage: tsx scripts/db.ts schemas|generate|migrate|new-migration <name>|check");
      return 2;
  }
}

process.exitCode = await main();
