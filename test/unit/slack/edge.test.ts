// One place presents failures, on the surface the request came from: commands get ack text,
// buttons an ephemeral answer, forms an error under the right field, events only a log line.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Deps } from "../../../src/deps.ts";
import { badInput, forbidden } from "../../../src/domain/errors.ts";
import { createLogger } from "../../../src/log/logger.ts";
import { buttonEdge, commandEdge, eventEdge, formEdge } from "../../../src/slack/listeners/edge.ts";

function fakeDeps() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = createLogger({ level: "debug", format: "json", destination });
  const sent: { method: string; args: unknown[] }[] = [];
  const gateway = new Proxy(
    {},
    {
      get:
        (_target, method) =>
        async (...args: unknown[]) => {
          sent.push({ method: String(method), args });
        },
    },
  );
  // Only the logger and the gateway are used at the edge.
  const deps = { logger, gateway } as unknown as Deps;
  return { deps, lines, sent };
}

describe("the edge", () => {
  it("answers a failed command with the user message, or a reference for the unexpected", async () => {
    const { deps, lines } = fakeDeps();
    const known = await commandEdge(deps, "/incident sev", async () => {
      throw badInput("Say why the severity changes.");
    });
    expect(known).toEqual({ text: ":warning: Say why the severity changes." });
    const unexpected = await commandEdge(deps, "/incident sev", async () => {
      throw new Error("database on fire");
    });
    const reference = /reference `([0-9a-f]{8})`/.exec(unexpected?.text ?? "")?.[1];
    expect(unexpected?.text).toMatch(/^:x: Sorry, that failed on our side \(reference `[0-9a-f]{8}`\)/);
    expect(lines.find((l) => l.reference === reference)).toMatchObject({ what: "/incident sev" });
  });

  it("puts a form's error under its field, or the first field, without the emoji", async () => {
    const { deps } = fakeDeps();
    const acks: unknown[] = [];
    const ack = async (response?: unknown) => {
      acks.push(response);
    };
    await formEdge(deps, "view declare", "title_block", ack, async () => {
      throw badInput("Pick a severity.", "severity_block");
    });
    await formEdge(deps, "view declare", "title_block", ack, async () => {
      throw forbidden("Only the commander can close it.");
    });
    await formEdge(deps, "view declare", "title_block", ack, async () => {});
    expect(acks).toEqual([
      { response_action: "errors", errors: { severity_block: "Pick a severity." } },
      { response_action: "errors", errors: { title_block: "Only the commander can close it." } },
      undefined,
    ]);
  });

  it("tells only the person who clicked, through the response URL when there is one", async () => {
    const { deps, sent } = fakeDeps();
    const target = { userId: "U1", channelId: "C1", responseUrl: "https://hooks.example/r" };
    await buttonEdge(deps, "action join", target, async () => {
      throw forbidden("That incident is private.");
    });
    await buttonEdge(deps, "action snooze", { ...target, responseUrl: undefined }, async () => ({
      text: "Snoozed.",
    }));
    expect(sent).toEqual([
      {
        method: "respond",
        args: [
          "https://hooks.example/r",
          {
            response_type: "ephemeral",
            replace_original: false,
            text: ":warning: That incident is private.",
          },
        ],
      },
      { method: "postEphemeral", args: [{ channel: "C1", user: "U1", text: "Snoozed." }] },
    ]);
  });

  it("only logs a failed event: nobody is waiting for an answer", async () => {
    const { deps, lines, sent } = fakeDeps();
    await eventEdge(
      deps,
      "reaction_added",
      async () => {
        throw new Error("boom");
      },
      { channel: "C1" },
    );
    expect(sent).toEqual([]);
    expect(lines.at(-1)).toMatchObject({
      what: "reaction_added",
      channel: "C1",
      msg: "could not handle reaction_added",
    });
  });
});
