// The layering of src/, checked in CI (npm run lint). Each rule says why it exists; a change
// that breaks one should change where the code lives, not the rule. See CONTRIBUTING.md.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment:
        "An import cycle means two modules are one idea split in two, or a low layer reaching up. " +
        "Move the shared part down (usually into src/domain).",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment:
        "src/domain is plain TypeScript: it takes data and a time and returns data, so it is unit " +
        "tested in milliseconds without a database, Slack or a clock. It may import other domain " +
        "modules and pure libraries (zod, luxon, yaml) only. Type imports count too: the domain " +
        "names its own records and never borrows rows or Slack shapes (the swc parser reports " +
        "every import as a value import, so `dependencyTypesNot` below never exempts one).",
      from: { path: "^src/domain/" },
      to: {
        pathNot: ["^src/domain/", "^node_modules/(zod|luxon|yaml)/"],
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "only-db-touches-prisma",
      severity: "error",
      comment:
        "Only src/db knows Prisma exists: repositories return domain types, so nothing else needs " +
        "a row type, a Prisma import or SQL. Ask a repository (src/db/repositories) instead.",
      from: { path: "^src/", pathNot: "^src/db/" },
      to: { path: ["^node_modules/@prisma/", "^node_modules/\\.prisma/", "^src/db/generated/"] },
    },
    {
      name: "only-db-holds-the-client",
      severity: "error",
      comment:
        "Outside src/db, code gets data from repositories and the Store (src/db/repositories), " +
        "never from the Prisma client, a transaction handle, row types or raw SQL helpers. Only the " +
        "composition roots build the client and hand it down: the bot's (src/bot.ts, with the " +
        "types it hands down in src/deps.ts) and each command-line tool's (src/cli). They are " +
        "the exceptions on purpose: something has to open the connection, and it should be the " +
        "code that also closes it. The outbox deliveries still read and write their scope rows " +
        "with the client they are handed (deps.database.db), but only through the functions of " +
        "src/db/repositories/delivery-scope.ts, never through client.ts itself.",
      from: { path: "^src/", pathNot: ["^src/db/", "^src/bot\\.ts$", "^src/deps\\.ts$", "^src/cli/"] },
      to: { path: "^src/db/(client|models|transaction|fast-writes|sqlite-serialized|pg-pool)\\.ts$" },
    },
    {
      name: "use-cases-do-not-render-or-deliver",
      severity: "error",
      comment:
        "Services and event handlers decide what happens and return typed results and intents; " +
        "src/slack renders them and src/outbox delivers them. A service importing src/slack, or the " +
        "outbox worker and deliveries, mixes the two again. src/outbox/intents.ts and messages.ts are " +
        "the pure contract between them and may be imported.",
      from: { path: "^src/(services|events)/" },
      to: {
        path: ["^src/slack/", "^src/outbox/", "^node_modules/@slack/"],
        pathNot: ["^src/outbox/(intents|messages)\\.ts$"],
      },
    },
    {
      name: "listeners-do-not-query",
      severity: "error",
      comment:
        "A listener maps one Slack surface to one use case: parse, call a service, render. Queries " +
        "and permission checks live in services, so every surface (command, button, form, job, web " +
        "page) gets the same answer.",
      from: { path: "^src/slack/(listeners|views)/" },
      to: { path: ["^src/db/", "^src/outbox/(worker|enqueue|deliveries)"] },
    },
    {
      name: "views-are-pure",
      severity: "error",
      comment:
        "Block Kit builders are pure functions of a view model: no gateway, no database, no " +
        "outbox, no event handlers, so every view is previewable and snapshot-tested. They may " +
        "import the results and view models that use cases declare (src/services/results.ts and " +
        "the model types beside each service), which is the contract between the two: types only, " +
        "never service code (a constant both need lives in src/domain). The parser here cannot " +
        "tell `import type` apart, so test/unit/layering.test.ts checks that part.",
      from: { path: "^src/slack/views/" },
      to: {
        path: [
          "^src/(db|events|scheduler|http|cli)/",
          "^src/outbox/(worker|deliveries)",
          "^src/slack/(gateway|app|listeners)",
        ],
      },
    },
    {
      name: "only-the-gateway-calls-slack",
      severity: "error",
      comment:
        "One module calls Slack's Web API, so retries, rate limits, timeouts and the refusal to " +
        "call Slack inside a database transaction are handled once. Bolt is transport and lives " +
        "in src/slack.",
      from: { path: "^src/", pathNot: ["^src/slack/gateway\\.ts$", "^src/slack/app\\.ts$"] },
      to: { path: "^node_modules/@slack/web-api/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "bolt-stays-in-slack",
      severity: "error",
      comment:
        "Bolt is the transport: only src/slack sees it, plus the log adapter for its logger and " +
        "the HTTP routes (src/http), which are mounted on Bolt's receiver as its custom routes.",
      from: { path: "^src/", pathNot: ["^src/slack/", "^src/log/", "^src/http/"] },
      to: { path: "^node_modules/@slack/bolt/", dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/db/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
    parser: "swc",
    reporterOptions: { text: { highlightFocused: true } },
  },
};
