// How command-line tools open the database: same URL and the same schema rules as the bot
// (SQLite is migrated, a PostgreSQL schema that is behind is refused with the command to run).
import { existsSync } from "node:fs";
import { type Database, openDatabase } from "../db/client.ts";
import { DEFAULT_DATABASE_URL, providerOf } from "../db/database-url.ts";
import { assertSchemaCurrent, prepareSchema, SchemaBehindError } from "../db/migrations.ts";

export async function openDatabaseForCli(): Promise<Database> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  await prepareSchema(providerOf(url), url);
  const database = await openDatabase(url);
  try {
    await assertSchemaCurrent(database.db, database.provider);
    return database;
  } catch (error) {
    await database.close();
    if (error instanceof SchemaBehindError) {
      console.error(error.message);
      process.exit(3);
    }
    throw error;
  }
}
