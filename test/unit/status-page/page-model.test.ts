// The status page model: which incidents, updates and board states appear, in what order,
// and what never does.
import { describe, expect, it } from "vitest";
import {
  buildStatusPage,
  OPEN_REFRESH_SECONDS,
  type PublishedIncidentInput,
} from "../../../src/domain/status-page/page-model.ts";
import { publicText } from "../../../src/domain/status-page/public-text.ts";

const NOW = new Date("2026-03-08T12:00:00.000Z");
const at = (iso: string) => new Date(iso);

function incident(overrides: Partial<PublishedIncidentInput> = {}): PublishedIncidentInput {
  return {
    number: 7,
    title: "Checkout errors",
    status: "investigating",
    declaredAt: at("2026-03-08T10:00:00Z"),
    publishedAt: at("2026-03-08T10:05:00Z"),
    resolvedAt: null,
    updates: [],
    board: [],
    ...overrides,
  };
}

const cell = (service: string, region: string, phase: "live" | "backfill", state: string, iso: string) =>
  ({ service, region, phase, state, updatedAt: at(iso) }) as PublishedIncidentInput["board"][number];

describe("status page model", () => {
  it("is operational, without refresh, when nothing is published", () => {
    const page = buildStatusPage([], NOW);
    expect(page.overall.state).toBe("operational");
    expect(page.refreshSeconds).toBeNull();
    expect(page.components).toEqual([]);
    expect(page.incidents).toEqual([]);
  });

  it("shows an open incident with its public updates newest first and refreshes", () => {
    const page = buildStatusPage(
      [
        incident({
          updates: [
            { id: 1, at: at("2026-03-08T10:10:00Z"), text: "first" },
            { id: 3, at: at("2026-03-08T11:10:00Z"), text: "third" },
            { id: 2, at: at("2026-03-08T10:40:00Z"), text: "second" },
          ],
        }),
      ],
      NOW,
    );
    expect(page.overall.state).toBe("incident");
    expect(page.refreshSeconds).toBe(OPEN_REFRESH_SECONDS);
    expect(page.incidents[0]?.updates.map((u) => u.text)).toEqual(["third", "second", "first"]);
    expect(page.incidents[0]?.open).toBe(true);
  });

  it("shows Slack formatting as the words it formats, not as literal marks", () => {
    const page = buildStatusPage(
      [
        incident({
          title: "*Checkout* errors in `eu-west`",
          updates: [
            { id: 1, at: at("2026-03-08T10:10:00Z"), text: "_Live data_ is *back*; snake_case stays" },
          ],
        }),
      ],
      NOW,
    );
    expect(page.incidents[0]?.title).toBe("Checkout errors in eu-west");
    expect(page.incidents[0]?.updates[0]?.text).toBe("Live data is back; snake_case stays");
  });

  it("keeps resolved incidents for 90 days, then drops them; open ones come first", () => {
    const page = buildStatusPage(
      [
        incident({ number: 9, status: "resolved", resolvedAt: at("2026-03-01T00:00:00Z") }),
        incident({ number: 8, status: "closed", resolvedAt: at("2025-12-01T00:00:00Z") }),
        incident({ number: 5, status: "monitoring" }),
      ],
      NOW,
    );
    expect(page.incidents.map((i) => i.number)).toEqual([5, 9]);
    expect(page.incidents[1]?.open).toBe(false);
  });

  it("shows components per region and phase, live and backfill separately", () => {
    const page = buildStatusPage(
      [
        incident({
          board: [
            cell("ingest", "eu", "live", "recovered", "2026-03-08T11:00:00Z"),
            cell("ingest", "eu", "backfill", "recovering", "2026-03-08T11:30:00Z"),
            cell("ingest", "us", "live", "outage", "2026-03-08T10:30:00Z"),
          ],
        }),
      ],
      NOW,
    );
    expect(page.components).toEqual([
      {
        service: "ingest",
        regions: [
          {
            region: "eu",
            live: { state: "recovered", since: "2026-03-08T11:00:00.000Z" },
            backfill: { state: "recovering", since: "2026-03-08T11:30:00.000Z" },
          },
          { region: "us", live: { state: "outage", since: "2026-03-08T10:30:00.000Z" }, backfill: null },
        ],
      },
    ]);
    expect(page.recovery).toBe("live data: 1/2 regions back · backfill: 0/1 regions complete");
    expect(page.incidents[0]?.recovery).toBe(page.recovery);
  });

  it("takes the worst state among open incidents over a resolved incident's last state", () => {
    const page = buildStatusPage(
      [
        incident({ number: 3, board: [cell("api", "eu", "live", "degraded", "2026-03-08T09:00:00Z")] }),
        incident({ number: 4, board: [cell("api", "eu", "live", "outage", "2026-03-08T08:00:00Z")] }),
        incident({
          number: 2,
          status: "resolved",
          resolvedAt: at("2026-03-08T11:00:00Z"),
          board: [cell("api", "eu", "live", "recovered", "2026-03-08T11:00:00Z")],
        }),
      ],
      NOW,
    );
    expect(page.components[0]?.regions[0]?.live?.state).toBe("outage");
  });

  it("carries no people, channels, notes or severities", () => {
    const page = buildStatusPage(
      [
        incident({
          title: "Login fails for <@U0ALEX|alex> in <#C0OPS|ops>",
          updates: [{ id: 1, at: at("2026-03-08T10:10:00Z"), text: "Fix deployed" }],
          board: [cell("api", "", "live", "degraded", "2026-03-08T10:00:00Z")],
        }),
      ],
      NOW,
    );
    const json = JSON.stringify(page);
    expect(json).not.toMatch(/U0ALEX|alex|C0OPS|severity|note|actor/i);
    expect(page.incidents[0]?.title).toBe("Login fails for someone in #ops");
  });
});

describe("publicText", () => {
  it("names no one and unwraps Slack markup, leaving other angle brackets as text", () => {
    expect(publicText("ping <@U123> and <!subteam^S1|@oncall> <!here>")).toBe(
      "ping someone and a team everyone",
    );
    expect(publicText("see <https://example.com|the docs> &amp; more")).toBe(
      "see the docs (https://example.com) & more",
    );
    // Mentions already stored as words (humanized titles and updates) are names too.
    expect(publicText("paged @alex.kim and @oncall-db, @channel; mail ops@example.com")).toBe(
      "paged someone and someone, everyone; mail ops@example.com",
    );
    expect(publicText('<script>alert(1)</script> "><img src=x onerror=alert(1)>')).toBe(
      '<script>alert(1)</script> "><img src=x onerror=alert(1)>',
    );
  });
});
