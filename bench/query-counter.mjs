// Preloaded into the bot by `bench/profile-commands.ts` (node --import): counts every SQL
// statement the process sends, per statement text, at the driver (better-sqlite3's prepare,
// pg's Client#query, and each further run of a statement prepared once and kept, as
// src/db/sqlite-direct.ts does), so Prisma model calls, raw SQL and BEGIN/COMMIT are all seen.
// When `${QUERY_COUNT_FILE}.request` appears, it writes the counts so far to QUERY_COUNT_FILE
// and starts counting again. Not a signal: the bot's SIGUSR2 cycles its log level (README), and
// a profile taken at debug level measures Bolt's debug lines too. Plain JavaScript so it loads
// before tsx is registered.
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(`${process.cwd()}/package.json`);
let counts = new Map();
const count = (sql) => {
  const text = String(typeof sql === "object" && sql !== null ? sql.text : sql)
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 160);
  counts.set(text, (counts.get(text) ?? 0) + 1);
};

const Sqlite = require("better-sqlite3");
const prepare = Sqlite.prototype.prepare;
// A statement's first run was counted at its prepare; runs after that are counted as they come.
const unrun = new WeakSet();
let statementPrototype = null;
Sqlite.prototype.prepare = function countedPrepare(sql, ...rest) {
  count(sql);
  const statement = prepare.call(this, sql, ...rest);
  unrun.add(statement);
  if (!statementPrototype) {
    statementPrototype = Object.getPrototypeOf(statement);
    for (const method of ["run", "get", "all", "iterate"]) {
      const original = statementPrototype[method];
      statementPrototype[method] = function countedRun(...args) {
        if (!unrun.delete(this)) count(this.source);
        return original.apply(this, args);
      };
    }
  }
  return statement;
};
const pg = require("pg");
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  count(config);
  return query.call(this, config, ...rest);
};

const file = process.env.QUERY_COUNT_FILE;
if (file) {
  const request = `${file}.request`;
  // A stat every 50 ms: nothing next to what the profile measures.
  setInterval(() => {
    if (!existsSync(request)) return;
    rmSync(request, { force: true });
    writeFileSync(file, JSON.stringify(Object.fromEntries(counts), null, 1));
    counts = new Map();
  }, 50).unref();
}
