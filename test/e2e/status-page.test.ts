// The public status page end to end: public and internal updates, `/incident publish`, the
// board, a private incident, hostile text, and Slack being down. What it must never show:
// internal updates, notes, people (names or IDs), private or unpublished incidents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { startSimTestBot } from "../support/sim-emulator.ts";

type Reply = { text: string };

const INTERNAL = [
  "internal-only-rollback-detail",
  "note-secret-lb-theory",
  "board-note-secret",
  "Payroll exposure",
  "alexresponder",
  "blaironcall",
];

describe("the public status page", () => {
  let t: TestBot & { announce: string | undefined };
  let alex: string;
  let blair: string;
  let general: string;
  let main: string;
  let privateChannel: string;

  const command = async (text: string, channel = main, user = alex) =>
    (await t.driver.command(text, { user, channel })).json as Reply;
  const get = async (path: string) => {
    const response = await fetch(`${t.url}${path}`);
    return {
      status: response.status,
      type: response.headers.get("content-type") ?? "",
      cache: response.headers.get("cache-control"),
      body: await response.text(),
    };
  };
  /** Until it is published, the second incident is as absent as the private one. */
  const expectNothingInternal = (body: string, unpublished = ["Unpublished database blip"]) => {
    for (const secret of [...INTERNAL, ...unpublished, alex, blair]) expect(body).not.toContain(secret);
  };

  beforeAll(async () => {
    t = await startSimTestBot();
    alex = t.emulator.addUser({ name: "alexresponder" }).id;
    blair = t.emulator.addUser({ name: "blaironcall" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex, blair] }).id;
    // Slack sends < > & in command text as entities; the title is stored as Slack sent it.
    const incident = await declareIncident(
      t,
      `Checkout &lt;script&gt;window.__xss=1&lt;/script&gt; failing for <@${blair}> --sev 1`,
      { by: alex, from: general, joiners: [blair] },
    );
    main = incident.channel.id;
    await declareIncident(t, "Unpublished database blip --sev 3", { by: alex, from: general });
    await command("declare Payroll exposure --private --sev 2", general);
    await t.settle();
    privateChannel = t.emulator.channels().find((c) => c.name.startsWith("inc-3-"))!.id;
  });
  afterAll(() => t.stop());

  it("lists nothing before anything is published", async () => {
    await command("update internal-only-rollback-detail");
    await t.settle();
    const page = await get("/status.json");
    expect(page.status).toBe(200);
    // STATUS_PAGE_CACHE is off in these tests: every view reads, and caches in front must ask.
    expect(page.cache).toBe("no-cache");
    expect(JSON.parse(page.body)).toMatchObject({
      overall: { state: "operational" },
      incidents: [],
      components: [],
    });
    const html = await get("/status");
    expect(html.type).toMatch(/^text\/html/);
    expect(html.body).toContain("No open incidents.");
    expect(html.body).not.toContain("data-refresh-seconds");
  });

  it("refuses public updates and publishing for a private incident, with a clear reply", async () => {
    const update = await command("update --public we rotated the keys", privateChannel);
    expect(update.text).toMatch(/private: it never appears on the public status page/);
    const publish = await command("publish", privateChannel);
    expect(publish.text).toMatch(/private: it never appears on the public status page/);
    const row = await t.bot.deps.database.db.incident.findFirst({ where: { isPrivate: true } });
    expect(row?.publishedAt).toBeNull();
    expect(await t.bot.deps.database.db.timelineEntry.count({ where: { kind: "incident_published" } })).toBe(
      0,
    );
  });

  it("refuses public updates and publishing from someone who is not the commander, comms lead or an admin", async () => {
    const update = await command("update --public we are on it", main, blair);
    expect(update.text).toMatch(
      new RegExp(
        `Only the incident commander \\(<@${alex}>\\), the communications lead or an incident admin can post a public update`,
      ),
    );
    const publish = await command("publish", main, blair);
    expect(publish.text).toMatch(
      /Only the incident commander .* can put an incident on the public status page/,
    );
    const row = await t.bot.deps.database.db.incident.findFirst({ where: { channelId: main } });
    expect(row?.publishedAt).toBeNull();
    expect(
      await t.bot.deps.database.db.timelineEntry.count({
        where: { kind: "update_posted", text: "we are on it" },
      }),
    ).toBe(0);
  });

  it("refuses a public update that mentions someone", async () => {
    const reply = await command(`update --public thanks <@${blair}> for the fix`);
    expect(reply.text).toMatch(/names no one/);
  });

  it("publishes the incident with its first public update and shows only public things", async () => {
    const first = await command(
      'update --public Card payments fail in EU &lt;script&gt;window.__xss=3&lt;/script&gt; "&gt;&lt;img src=x onerror=window.__xss=4&gt; *bold* <!channel>',
    );
    expect(first.text).toMatch(/Public: shown on the status page .* now lists this incident/);
    await command("note note-secret-lb-theory");
    await command("service checkout outage --region eu1 board-note-secret");
    await command("service checkout recovered --region us1");
    await command("service checkout recovering --region eu1 --phase backfill");
    await t.advance("5m");
    await command("update --public EU checkout recovering, backfill running");
    await t.settle();

    // The pinned summary tells responders the incident is public now.
    const pinned = t.emulator.messages(main).find((m) => m.text.startsWith("INC-1 "));
    expect(JSON.stringify(pinned?.blocks)).toContain(
      ":globe_with_meridians: On the public status page since",
    );

    const json = JSON.parse((await get("/status.json")).body);
    expect(json.overall.state).toBe("incident");
    expect(json.refreshSeconds).toBeGreaterThan(0);
    expect(json.incidents).toHaveLength(1);
    const [shown] = json.incidents;
    expect(shown.title).toBe("Checkout <script>window.__xss=1</script> failing for someone");
    expect(shown.updates.map((u: { text: string }) => u.text)).toEqual([
      "EU checkout recovering, backfill running",
      'Card payments fail in EU <script>window.__xss=3</script> "><img src=x onerror=window.__xss=4> bold everyone',
    ]);
    expect(shown.recovery).toBe("live data: 1/2 regions back · backfill: 0/1 regions complete");
    expect(json.components).toEqual([
      {
        service: "checkout",
        regions: [
          {
            region: "eu1",
            live: { state: "outage", since: expect.any(String) },
            backfill: { state: "recovering", since: expect.any(String) },
          },
          { region: "us1", live: { state: "recovered", since: expect.any(String) }, backfill: null },
        ],
      },
    ]);
    expectNothingInternal(JSON.stringify(json));

    const html = (await get("/status")).body;
    expect(html).toContain("Checkout &lt;script&gt;window.__xss=1&lt;/script&gt; failing for someone");
    expect(html).toContain("&lt;img src=x onerror=window.__xss=4&gt;");
    expect(html).not.toMatch(/<script>window|<img/);
    expect(html).toContain('data-refresh-seconds="60"');
    expect(html).toContain('data-service="checkout" data-region="eu1"');
    expectNothingInternal(html);
  });

  it("serves an Atom feed with the public updates, hostile text escaped", async () => {
    const atom = await get("/status.atom");
    expect(atom.status).toBe(200);
    expect(atom.type).toMatch(/^application\/atom\+xml/);
    expect(atom.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom.body.match(/<entry>/g)).toHaveLength(3);
    expect(atom.body).toContain("EU checkout recovering, backfill running");
    expect(atom.body).toContain("&lt;script&gt;window.__xss=3&lt;/script&gt;");
    expect(atom.body).not.toMatch(/<script|<img/);
    expectNothingInternal(atom.body);
  });

  it("`/incident publish` puts an incident on the page by its title alone", async () => {
    const unpublished = t.emulator.channels().find((c) => c.name.startsWith("inc-2-"))!.id;
    const reply = await command("publish", unpublished);
    expect(reply.text).toMatch(/is now on the public status page/);
    expect((await command("publish", unpublished)).text).toMatch(/already on the status page/);
    await t.settle();
    const json = JSON.parse((await get("/status.json")).body);
    const titles = json.incidents.map((i: { title: string }) => i.title);
    expect(titles).toContain("Unpublished database blip");
    expect(json.incidents.find((i: { number: number }) => i.number === 2).updates).toEqual([]);
    expect(JSON.stringify(json)).not.toContain("Payroll");
    const line = t.emulator
      .messages(unpublished)
      .find((m) => m.text.includes("Published on the status page"));
    expect(line).toBeDefined();
  });

  it("keeps a resolved incident, marked resolved, and keeps answering while Slack is down", async () => {
    await command("status resolved fixed by rollback");
    await t.settle();
    t.emulator.injectFault({ kind: "server_error", times: 10_000 });
    try {
      const json = JSON.parse((await get("/status.json")).body);
      const resolved = json.incidents.find((i: { number: number }) => i.number === 1);
      expect(resolved).toMatchObject({ status: "resolved", open: false });
      expect(resolved.resolvedAt).toEqual(expect.any(String));
      const html = await get("/status");
      expect(html.status).toBe(200);
      expect(html.body).toContain("Resolved");
      expectNothingInternal(html.body, []);
    } finally {
      t.emulator.clearFaults();
    }
  });
});
