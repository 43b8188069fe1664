// The held BEGIN (src/db/pg-held-begin.ts) against a stand-in pg connection: what it sends, in
// which order, corked into one write, and whose failure the caller sees.
import { EventEmitter } from "node:events";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { holdBegins, holdsBegin } from "../../src/db/pg-held-begin.ts";

interface Sent {
  text: string;
  corked: boolean;
}

/** A pool with one connection that records what it is sent; `fail` says which texts fail. */
function standIn(fail: (text: string) => Error | undefined = () => undefined) {
  const pool = new EventEmitter();
  holdBegins(pool as unknown as pg.Pool);
  const sent: Sent[] = [];
  let corked = 0;
  const stream = {
    cork: () => {
      corked++;
    },
    uncork: () => {
      corked--;
    },
  };
  const client = {
    connection: { stream },
    query(config: string | { text: string }) {
      const text = typeof config === "string" ? config : config.text;
      sent.push({ text, corked: corked > 0 });
      const error = fail(text);
      return error
        ? Promise.reject(error)
        : Promise.resolve({ command: text.split(" ")[0], rows: [{ text }] });
    },
  };
  pool.emit("connect", client);
  return { pool, client: client as unknown as pg.PoolClient, sent, corkedNow: () => corked };
}

describe("a transaction's BEGIN held for its first statement", () => {
  it("answers BEGIN at once and writes it, corked, ahead of the next statement", async () => {
    const { client, sent, corkedNow } = standIn();
    const begun = await client.query({ text: "BEGIN", values: [] } as unknown as string);
    expect(begun.command).toBe("BEGIN");
    expect(sent).toEqual([]);
    expect(holdsBegin(client)).toBe(true);

    const result = await client.query({ text: "SELECT 1", values: [1] } as unknown as string);
    expect(result.rows).toEqual([{ text: "SELECT 1" }]);
    expect(sent).toEqual([
      { text: "BEGIN", corked: true },
      { text: "SELECT 1", corked: true },
    ]);
    expect(corkedNow()).toBe(0);
    expect(holdsBegin(client)).toBe(false);

    await client.query("COMMIT");
    expect(sent.map((s) => s.text)).toEqual(["BEGIN", "SELECT 1", "COMMIT"]);
  });

  it("sends neither BEGIN nor COMMIT or ROLLBACK for a transaction that sent nothing", async () => {
    for (const end of ["COMMIT", "ROLLBACK"]) {
      const { client, sent } = standIn();
      await client.query("BEGIN");
      expect((await client.query({ text: end, values: [] } as unknown as string)).command).toBe(end);
      expect(sent).toEqual([]);
      await client.query("SELECT 2");
      expect(sent.map((s) => s.text)).toEqual(["SELECT 2"]);
    }
  });

  it("reports a failed BEGIN as the failure of the statement it went with", async () => {
    const { client } = standIn((text) => (text === "BEGIN" ? new Error("BEGIN refused") : undefined));
    await client.query("BEGIN");
    await expect(client.query("INSERT 1")).rejects.toThrow("BEGIN refused");
  });

  it("drops a BEGIN still held when the connection goes back to the pool", async () => {
    const { pool, client, sent } = standIn();
    await client.query("BEGIN");
    pool.emit("release", undefined, client);
    await client.query("SELECT 3");
    expect(sent.map((s) => s.text)).toEqual(["SELECT 3"]);
  });

  it("passes statements with a callback on as they came, after a held BEGIN", async () => {
    const { client, sent } = standIn();
    await client.query("BEGIN");
    (client.query as unknown as (text: string, callback: () => void) => void)("SELECT 4", () => {});
    expect(sent.map((s) => s.text)).toEqual(["BEGIN", "SELECT 4"]);
    expect(holdsBegin(client)).toBe(false);
  });
});
