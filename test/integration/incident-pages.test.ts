// The internal incident pages over HTTP on both stores, with a test WebAccess (the real one is
// Sign in with Slack, driven end to end elsewhere): who sees which incident, a private incident
// answering exactly like an unknown number, the board and handoffs as recorded, the timeline
// filters (and what bad filter input does), hostile text inert, downloads equal to the CLI's
// draft, and the pages with Slack or the database down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPostmortemCli } from "../../src/cli/postmortem.ts";
import type { Repositories } from "../../src/db/repositories/store.ts";
import { incidentPageRoutes } from "../../src/http/incidents/incident-routes.ts";
import { WEB_TIMELINE_PAGE_SIZE } from "../../src/http/incidents/timeline-query.ts";
import { acceptHandoff } from "../../src/services/handoffs/accept-handoff.ts";
import { submitBrief } from "../../src/services/handoffs/brief-handoff.ts";
import { startManualHandoff } from "../../src/services/handoffs/manual-handoff.ts";
import { postmortemTemplate } from "../../src/services/postmortem/template-file.ts";
import { setServiceStatus } from "../../src/services/set-service-status.ts";
import { addNote } from "../../src/services/timeline/add-note.ts";
import { postUpdate } from "../../src/services/timeline/post-update.ts";
import { addWorkstream } from "../../src/services/workstreams.ts";
import { createTestDatabase, type TestDatabase, testedProviders } from "../support/databases.ts";
import { COMMANDER, declareWithChannel } from "../support/integration-incident.ts";
import { type RoutesServer, serveRoutes } from "../support/routes-server.ts";
import { createTestDeps, type TestDeps } from "../support/test-deps.ts";
import { type TestWebAccess, testWebAccess } from "../support/test-web-access.ts";

const NEXT = "U0000000002";
const MEMBER = "U0000000003";
const OUTSIDER = "U0000000004";
const HOSTILE_TITLE = `<script>window.__pwned=1</script> "><img src=x onerror="window.__pwned=2"> <!channel> *bold*`;
const HOSTILE_NOTE = `LB theory </td><script>window.__pwned=3</script> & <@U0000000004>`;

describe.each(testedProviders())("internal incident pages on %s", (provider) => {
  let database: TestDatabase;
  let deps: TestDeps & { close(): Promise<void> };
  let access: TestWebAccess;
  let server: RoutesServer;
  let downServer: RoutesServer;
  let publicIncident: { incidentId: number; number: number; channelId: string };
  let privateIncident: { incidentId: number; number: number; channelId: string };
  let seq = 0;
  const key = () => `pages-${++seq}`;
  const errors: string[] = [];

  const get = (path: string, viewer: string | null, base = server.url) =>
    fetch(`${base}${path}`, { headers: viewer ? { "x-test-viewer": viewer } : {} });
  const html = async (path: string, viewer: string, base = server.url) => {
    const res = await get(path, viewer, base);
    return { status: res.status, body: await res.text(), headers: res.headers };
  };
  const postmortemSettings = () => ({
    displayTimeZone: null,
    template: postmortemTemplate(undefined),
    updateCadence: deps.config.incidents.reminderCadence,
    locale: deps.config.incidents.postmortemLocale,
  });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    deps = await createTestDeps(database.url);
    access = testWebAccess();
    for (const [id, timeZone] of [
      [COMMANDER, "Asia/Seoul"],
      [MEMBER, undefined],
      [OUTSIDER, "Europe/Dublin"],
    ] as const)
      access.viewers.set(id, { userId: id, teamId: "T0TEST0001", name: `person ${id}`, timeZone });
    server = await serveRoutes(
      incidentPageRoutes({
        access,
        read: deps.store.read,
        clock: deps.clock,
        postmortem: postmortemSettings(),
        onError: (_error, what) => errors.push(what),
      }),
    );
    // The database down: every repository read fails.
    const failing = new Proxy({} as Repositories, {
      get: () =>
        new Proxy(
          {},
          {
            get: () => () => Promise.reject(new Error("database is down")),
          },
        ),
    });
    downServer = await serveRoutes(
      incidentPageRoutes({
        access,
        read: failing,
        clock: deps.clock,
        postmortem: postmortemSettings(),
        onError: (_error, what) => errors.push(what),
      }),
    );

    publicIncident = await declareWithChannel(deps, {
      title: HOSTILE_TITLE,
      summary: "Checkout fails <b>in EU</b>",
    });
    privateIncident = await declareWithChannel(deps, { title: "Payroll leak", isPrivate: true });
    access.members.set(privateIncident.channelId, new Set([MEMBER]));
    const incidentId = publicIncident.incidentId;
    await addWorkstream(deps, {
      incidentId,
      name: "eu1",
      leadId: null,
      withChannel: false,
      actorId: COMMANDER,
      requestKey: key(),
    });
    deps.clock.set(new Date(deps.clock.now().getTime() + 60_000));
    for (const [region, phase, state, note] of [
      ["eu1", "live", "degraded", HOSTILE_NOTE],
      ["eu1", "backfill", "outage", ""],
      ["us1", "live", "recovered", "back"],
    ] as const)
      await setServiceStatus(deps, {
        incidentId,
        workstreamId: null,
        service: "checkout",
        region,
        phase,
        state,
        note,
        actorId: COMMANDER,
        requestKey: key(),
      });
    deps.clock.set(new Date(deps.clock.now().getTime() + 60_000));
    await addNote(deps, {
      incidentId,
      workstreamId: null,
      text: HOSTILE_NOTE,
      tag: "cause",
      at: null,
      actorId: COMMANDER,
      requestKey: key(),
    });
    await postUpdate(deps, {
      incidentId,
      workstreamId: null,
      text: "We are on it",
      at: null,
      actorId: COMMANDER,
      requestKey: key(),
      public: false,
    });
    deps.clock.set(new Date(deps.clock.now().getTime() + 60_000));
    await startManualHandoff(deps, {
      incidentId,
      workstream: null,
      toUserId: NEXT,
      actorId: COMMANDER,
      requestKey: key(),
    });
    const [handoff] = await deps.store.read.handoffs.ofIncident(incidentId);
    await submitBrief(deps, {
      handoffId: handoff!.id,
      userId: COMMANDER,
      brief: {
        currentState: "eu1 degraded <script>window.__pwned=4</script>",
        triedOrRuledOut: "rollback",
        openActions: "none",
        risks: "backfill",
        nextCheckpoint: "08:00",
      },
      requestKey: key(),
    });
    deps.clock.set(new Date(deps.clock.now().getTime() + 60_000));
    await acceptHandoff(deps, { handoffId: handoff!.id, userId: NEXT });
  });
  afterAll(async () => {
    await server?.close();
    await downServer?.close();
    await deps?.close();
    await database?.drop();
  });

  it("asks the WebAccess who is looking and lets it answer a stranger", async () => {
    const res = await get("/incidents", null);
    expect(res.status).toBe(401);
  });

  it("lists the incidents each viewer may read, escaped, with commander and channel", async () => {
    const outsider = await html("/incidents", OUTSIDER);
    expect(outsider.status).toBe(200);
    expect(outsider.body).toContain(`href="/incidents/${publicIncident.number}"`);
    expect(outsider.body).not.toContain(`/incidents/${privateIncident.number}"`);
    expect(outsider.body).not.toContain("Payroll leak");
    expect(outsider.body).not.toContain("<script>window");
    expect(outsider.body).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    expect(outsider.body).toContain(`https://app.slack.com/client/T0TEST0001/${publicIncident.channelId}`);
    expect(outsider.body).toContain(`data-user="${NEXT}"`);

    const member = await html("/incidents", MEMBER);
    expect(member.body).toContain(`href="/incidents/${privateIncident.number}"`);
    expect(member.body).toContain("Payroll leak");
  });

  it("shows the incident: summary, board, roles, handoff with brief, timeline, postmortem, in both zones", async () => {
    const page = await html(`/incidents/${publicIncident.number}`, COMMANDER);
    expect(page.status).toBe(200);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const csp = page.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    // Every script on the page is the one carrying this response's nonce.
    expect(page.body.match(/<script/g)).toHaveLength(1);
    expect(page.body).toContain(`<script nonce="${nonce}">`);

    const board = await deps.store.read.views.incident(publicIncident.incidentId);
    for (const status of board!.services) {
      const row = new RegExp(
        `<tr data-service="${status.service}" data-region="${status.region}">[\\s\\S]*?data-phase="${status.phase}"><span class="state state-${status.state}" data-state="${status.state}">`,
      );
      expect(page.body).toMatch(row);
    }
    expect(page.body).toContain("live data: 1/2 regions back");
    // Times in the viewer's zone (Seoul) and in UTC.
    expect(page.body).toMatch(
      /2026-03-08 15:0\d (KST|UTC\+09:00)<\/time> <span class="meta">\(2026-03-08 06:0\d UTC\)/,
    );
    expect(page.body).toContain('data-refresh-seconds="30"');
    // The handoff, its brief (escaped) and its acceptance.
    expect(page.body).toContain('data-state="accepted"');
    expect(page.body).toContain("eu1 degraded &lt;script&gt;window.__pwned=4&lt;/script&gt;");
    expect(page.body).toContain("Workstreams");
    // The internal note is on the internal page, as text.
    expect(page.body).toContain(
      "LB theory &lt;/td&gt;&lt;script&gt;window.__pwned=3&lt;/script&gt; &amp; &lt;@U0000000004&gt;",
    );
    expect(page.body).not.toMatch(/<script>window|<img src=x/);
    expect(page.body).toContain('aria-label="Postmortem draft"');
    expect(page.body).toContain(`/incidents/${publicIncident.number}/postmortem.md`);
    expect(errors).toEqual([]);
  });

  it("filters the timeline by kind, workstream and time; bad values are named and the rest kept", async () => {
    const base = `/incidents/${publicIncident.number}`;
    const notes = await html(`${base}?kind=note_added`, MEMBER);
    expect(notes.body.match(/<tr id="entry-\d+" data-kind="([a-z_]+)"/g)).toEqual([
      expect.stringContaining('data-kind="note_added"'),
    ]);
    const all = await html(base, MEMBER);
    const total = Number(/id="timeline-count">(\d+) entr/.exec(all.body)?.[1]);
    expect(total).toBeGreaterThan(5);
    expect(total).toBeLessThan(WEB_TIMELINE_PAGE_SIZE);

    // A time range in the viewer's zone (UTC for MEMBER): only what happened in the third minute.
    const ranged = await html(`${base}?from=2026-03-08T06:02&to=2026-03-08T06:03`, MEMBER);
    const kinds = [...ranged.body.matchAll(/data-kind="([a-z_]+)"/g)].map((m) => m[1]);
    expect(kinds).toEqual(["note_added", "update_posted"]);

    const bad = await html(
      `${base}?kind=%3Cscript%3E&from=yesterday&workstream=eu1&to=2026-03-08T06:01`,
      MEMBER,
    );
    expect(bad.status).toBe(200);
    expect(bad.body).toContain('id="filter-problems"');
    expect(bad.body).toContain("Kind “&lt;script&gt;” is not a kind of timeline entry; it was ignored.");
    expect(bad.body).toContain("From “yesterday” is not a time like 2026-03-09T14:30; it was ignored.");
    // The good filters still apply (and the form keeps what was typed).
    expect(bad.body).toContain('<option value="eu1" selected>');
    expect(bad.body).toContain('value="2026-03-08T06:01"');
    expect([...bad.body.matchAll(/data-kind="([a-z_]+)"/g)].map((m) => m[1])).toEqual(
      expect.not.arrayContaining(["note_added"]),
    );

    const reversed = await html(`${base}?from=2026-03-08T06:03&to=2026-03-08T06:01`, MEMBER);
    expect(reversed.body).toContain("To must be after From");
  });

  it("answers a private incident to a non-member exactly like an unknown number", async () => {
    const hidden = await html(`/incidents/${privateIncident.number}`, OUTSIDER);
    const unknown = await html("/incidents/999999", OUTSIDER);
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    const withoutNonce = (body: string) => body.replace(/nonce="[^"]*"/g, "");
    expect(withoutNonce(hidden.body)).toBe(withoutNonce(unknown.body));
    expect(hidden.body).not.toContain("Payroll");
    expect((await get(`/incidents/${privateIncident.number}/postmortem.md`, OUTSIDER)).status).toBe(404);
    expect((await html("/incidents/not-a-number", OUTSIDER)).status).toBe(404);

    const member = await html(`/incidents/${privateIncident.number}`, MEMBER);
    expect(member.status).toBe(200);
    expect(member.body).toContain("Payroll leak");
  });

  it("downloads the postmortem draft as the CLI writes it, in Markdown and JSON", async () => {
    const md = await get(`/incidents/${publicIncident.number}/postmortem.md`, MEMBER);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.headers.get("content-disposition")).toMatch(
      /^attachment; filename="INC-\d+-postmortem-[\dT-]+Z\.md"$/,
    );
    let cli = "";
    const code = await runPostmortemCli(
      [String(publicIncident.number), "--generated-at", deps.clock.now().toISOString()],
      {
        env: { DATABASE_URL: database.url },
        stdout: (text) => (cli += text),
        stderr: () => {},
        now: () => deps.clock.now(),
      },
    );
    expect(code).toBe(0);
    expect(await md.text()).toBe(cli);

    // With Sign in with Slack configured the bot's drafts link to the page; the CLI, given the
    // bot's variables, links the same way (and not without a client secret).
    const linked = async (env: Record<string, string>) => {
      let out = "";
      await runPostmortemCli([String(publicIncident.number)], {
        env: { DATABASE_URL: database.url, ...env },
        stdout: (text) => (out += text),
        stderr: () => {},
        now: () => deps.clock.now(),
      });
      return out.includes(`https://bot.example/incidents/${publicIncident.number}`);
    };
    const signIn = { APP_BASE_URL: "https://bot.example/", SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "s" };
    expect(await linked(signIn)).toBe(true);
    expect(await linked({ ...signIn, SLACK_CLIENT_SECRET: "" })).toBe(false);

    const json = await get(`/incidents/${publicIncident.number}/postmortem.json`, MEMBER);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const document = (await json.json()) as { format: string; incident: { title: string } };
    expect(document.format).toBe("incident-bot.postmortem/1");
    expect(document.incident.title).toBe(HOSTILE_TITLE);
  });

  it("keeps rendering while Slack is down, refusing only what needs Slack to decide", async () => {
    access.slackDown = true;
    try {
      const list = await html("/incidents", MEMBER);
      expect(list.status).toBe(200);
      expect(list.body).toContain(`href="/incidents/${publicIncident.number}"`);
      expect(list.body).not.toContain("Payroll leak");
      expect((await html(`/incidents/${publicIncident.number}`, MEMBER)).status).toBe(200);
      const hidden = await html(`/incidents/${privateIncident.number}`, MEMBER);
      expect(hidden.status).toBe(503);
      expect(hidden.body).not.toContain("Payroll");
    } finally {
      access.slackDown = false;
      errors.length = 0;
    }
  });

  it("answers 503 pages while the database is down", async () => {
    for (const path of [
      "/incidents",
      `/incidents/${publicIncident.number}`,
      `/incidents/${publicIncident.number}/postmortem.json`,
    ]) {
      const res = await get(path, MEMBER, downServer.url);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("Temporarily unavailable");
    }
    expect(errors.length).toBe(3);
    errors.length = 0;
  });
  it("builds an open incident's draft once a minute for every reader, whatever their zone or what changed", async () => {
    let builds = 0;
    const read = deps.store.read;
    const counting: Repositories = {
      ...read,
      views: {
        ...read.views,
        postmortemInput: (...args) => {
          builds++;
          return read.views.postmortemInput(...args);
        },
      },
    };
    const counted = await serveRoutes(
      incidentPageRoutes({
        access,
        read: counting,
        clock: deps.clock,
        postmortem: postmortemSettings(),
        onError: (_error, what) => errors.push(what),
      }),
    );
    try {
      const view = async (viewer: string) => {
        const page = await html(`/incidents/${publicIncident.number}`, viewer, counted.url);
        expect(page.status).toBe(200);
        return /<article class="postmortem"[\s\S]*?<\/article>/.exec(page.body)?.[0] ?? "";
      };
      // Seoul, and UTC for a reader whose zone Slack did not give.
      const seoul = await view(COMMANDER);
      const utc = await view(MEMBER);
      expect(builds).toBe(1);
      expect(seoul).toMatch(/UTC\+09:00|KST/);
      expect(utc).not.toMatch(/UTC\+09:00|KST/);
      // Recorded while readers' pages reload: the same draft for the rest of the minute.
      deps.clock.set(new Date(deps.clock.now().getTime() + 20_000));
      await addNote(deps, {
        incidentId: publicIncident.incidentId,
        workstreamId: null,
        text: "Draft cache check",
        tag: null,
        at: null,
        actorId: COMMANDER,
        requestKey: key(),
      });
      expect(await view(COMMANDER)).toBe(seoul);
      expect(builds).toBe(1);
      deps.clock.set(new Date(deps.clock.now().getTime() + 41_000));
      await view(MEMBER);
      expect(builds).toBe(2);
    } finally {
      await counted.close();
    }
  });
});
