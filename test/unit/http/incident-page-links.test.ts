// Links to the internal incident page: the pinned summary and the postmortem draft carry one
// only when the bot serves the page (APP_BASE_URL and Sign in with Slack configured), and a
// link that is not a plain web URL never reaches the draft.
import { describe, expect, it } from "vitest";
import type { IncidentView } from "../../../src/domain/incident/incident-view.ts";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { incidentPageUrl } from "../../../src/services/incident-page-url.ts";
import { incidentSummary } from "../../../src/slack/views/incident-summary.ts";
import { richIncident } from "../../fixtures/postmortem/rich-incident.ts";

const signIn = {
  clientId: "1.2",
  clientSecret: "s",
  redirectUri: "https://bot.example/auth/slack/callback",
  openIdUrl: "https://slack.com",
  sessionSecret: undefined,
};

const view = {
  incident: {
    id: 1,
    number: 7,
    title: "Intake down",
    summary: "",
    severity: 1,
    peakSeverity: 1,
    status: "investigating",
    isPrivate: false,
    regions: [],
    services: [],
    channelId: "C0INC7",
    createdAt: new Date("2026-03-08T06:00:00Z"),
    closedAt: null,
    resolvedAt: null,
  },
  roles: [],
  workstreams: [],
  services: [],
  milestones: [],
} as unknown as IncidentView;

describe("the incident page's address", () => {
  it("exists only with APP_BASE_URL and sign-in configured", () => {
    expect(incidentPageUrl({ appBaseUrl: "https://bot.example", signIn }, 7)).toBe(
      "https://bot.example/incidents/7",
    );
    expect(incidentPageUrl({ appBaseUrl: "https://bot.example", signIn: undefined }, 7)).toBeNull();
    expect(incidentPageUrl({ appBaseUrl: undefined, signIn }, 7)).toBeNull();
  });
});

describe("the pinned summary", () => {
  const texts = (blocks: unknown[]) => JSON.stringify(blocks);

  it("links to the incident page when there is one", () => {
    const { blocks } = incidentSummary(view, new Date("2026-03-08T07:00:00Z"), {
      pageLink: "https://bot.example/incidents/7",
    });
    expect(texts(blocks)).toContain("<https://bot.example/incidents/7|Incident page>");
  });

  it("has no such link otherwise", () => {
    const { blocks } = incidentSummary(view, new Date("2026-03-08T07:00:00Z"), { pageLink: null });
    expect(texts(blocks)).not.toContain("Incident page");
  });
});

describe("the postmortem draft", () => {
  it("links to the incident page in its header", () => {
    const doc = buildPostmortem(richIncident(), { incidentPageUrl: "https://bot.example/incidents/42" });
    expect(doc.incident.pageUrl).toBe("https://bot.example/incidents/42");
    expect(renderMarkdown(doc)).toContain("**Incident page:** <https://bot.example/incidents/42>");
  });

  it("in the draft's language", () => {
    const doc = buildPostmortem(richIncident(), {
      incidentPageUrl: "https://bot.example/incidents/42",
      locale: "ko",
    });
    expect(renderMarkdown(doc)).toContain("**인시던트 페이지:** <https://bot.example/incidents/42>");
  });

  it("without a page, or with something that is not a plain web URL, has no link", () => {
    for (const url of [null, "javascript:alert(1)", "https://bot.example/x> <script>"]) {
      const doc = buildPostmortem(richIncident(), { incidentPageUrl: url });
      expect(doc.incident.pageUrl).toBeUndefined();
      expect(renderMarkdown(doc)).not.toContain("Incident page");
    }
  });
});
