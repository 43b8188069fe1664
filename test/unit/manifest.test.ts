// manifest.yml is valid for Slack and declares a scope for every Web API method the bot calls.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = join(import.meta.dirname, "..", "..");
const SCHEMAS = join(ROOT, "test/fixtures/slack/manifest-schema");
const manifest = parse(readFileSync(join(ROOT, "manifest.yml"), "utf8"));
const summary = JSON.parse(readFileSync(join(ROOT, "test/fixtures/slack/methods_summary.json"), "utf8")) as {
  methods: { method: string; bot_scopes: string[] }[];
};
// Methods the bot calls that methods_summary.json does not list (scopes from Slack's docs).
summary.methods.push({ method: "conversations.list", bot_scopes: ["channels:read", "groups:read"] });
// Reading a pinned message (thread replies too), linking to it, taking the confirmation back.
summary.methods.push({ method: "conversations.replies", bot_scopes: ["channels:history", "groups:history"] });
summary.methods.push({ method: "chat.getPermalink", bot_scopes: [] });
summary.methods.push({ method: "reactions.remove", bot_scopes: ["reactions:write"] });
// Finding a canvas created before a crash (outbox/deliveries/postmortem.ts).
summary.methods.push({ method: "files.list", bot_scopes: ["files:read"] });
// Scopes that events need rather than methods.
const EVENT_SCOPES: Record<string, string[]> = {
  reaction_added: ["reactions:read"],
  reaction_removed: ["reactions:read"],
  member_joined_channel: ["channels:read", "groups:read"],
  member_left_channel: ["channels:read", "groups:read"],
  app_home_opened: [],
  // Incident channels' messages, kept so 📌 needs no conversations.history (recent-messages.ts).
  "message.channels": ["channels:history"],
  "message.groups": ["groups:history"],
};

function validator() {
  // Formats (uri…) are not what this test is about; without ajv-formats they are skipped quietly.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const remote = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/";
  for (const version of ["1.0.0", "2.0.0"]) {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, `schemas_manifest.schema.${version}.json`), "utf8"));
    ajv.addSchema(schema, `${remote}manifest.schema.${version}.json`);
  }
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, "manifest.schema.json"), "utf8")));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated") return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Web API methods named in src/ as string literals, plus those filesUploadV2 calls for us. */
function methodsCalled(): string[] {
  const known = new Set(summary.methods.map((m) => m.method));
  const found = new Set<string>();
  for (const file of sourceFiles(join(ROOT, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const [, method] of text.matchAll(
      /"((?:auth|bookmarks|canvases|chat|conversations|files|pins|reactions|usergroups|users|views)\.[A-Za-z.]+)"/g,
    )) {
      found.add(method as string);
    }
    if (text.includes("filesUploadV2(")) {
      found.add("files.getUploadURLExternal");
      found.add("files.completeUploadExternal");
    }
  }
  return [...found].filter((m) => known.has(m) || m.startsWith("files.") || m.startsWith("views."));
}

describe("manifest.yml", () => {
  it("validates against Slack's official manifest JSON Schema", () => {
    const validate = validator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("the schema check itself rejects a broken manifest", () => {
    const validate = validator();
    expect(validate({ ...manifest, display_information: { name: "" } })).toBe(false);
  });

  it("declares /incident and /inc, interactivity, Socket Mode and the events the bot handles", () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      "/incident",
      "/inc",
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining([
        "reaction_added",
        "app_home_opened",
        "member_joined_channel",
        "message.channels",
        "message.groups",
      ]),
    );
  });

  it("lets Sign in with Slack come back to the bot, asking only OpenID Connect's user scopes", () => {
    expect(manifest.oauth_config.redirect_urls).toEqual([
      expect.stringMatching(/^https:\/\/[^/]+\/auth\/slack\/callback$/),
    ]);
    expect([...manifest.oauth_config.scopes.user].sort()).toEqual(["email", "openid", "profile"]);
  });

  it("knows the scopes of every event it subscribes to", () => {
    const events = manifest.settings.event_subscriptions.bot_events as string[];
    expect(events.filter((event) => !(event in EVENT_SCOPES))).toEqual([]);
  });

  it("declares a bot scope for every Web API method the code calls, and no unused scope", () => {
    const declared = new Set<string>(manifest.oauth_config.scopes.bot);
    const called = methodsCalled();
    expect(called).toEqual(
      expect.arrayContaining(["chat.postMessage", "conversations.create", "views.open"]),
    );
    const uncovered: string[] = [];
    // commands: slash commands; chat:write.public: announcing without being invited first.
    // users:read.email: users.info shares profile emails with it (pagers reach people by email).
    const needed = new Set<string>(["commands", "chat:write.public", "users:read.email"]);
    for (const event of manifest.settings.event_subscriptions.bot_events as string[]) {
      for (const scope of EVENT_SCOPES[event] ?? []) needed.add(scope);
    }
    for (const method of called) {
      const scopes = summary.methods.find((m) => m.method === method)?.bot_scopes ?? [];
      if (!scopes.length) continue;
      const covering = scopes.filter((s) => declared.has(s));
      if (!covering.length) uncovered.push(`${method} (needs one of ${scopes.join(", ")})`);
      for (const scope of covering) needed.add(scope);
    }
    expect(uncovered).toEqual([]);
    // Private channels need the groups:* twin of every channels:* scope.
    for (const scope of [...needed])
      if (scope.startsWith("channels:")) needed.add(scope.replace("channels:", "groups:"));
    expect([...declared].filter((s) => !needed.has(s))).toEqual([]);
  });
});
