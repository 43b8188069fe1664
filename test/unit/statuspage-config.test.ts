// STATUSPAGE_* settings: off by default, both key and page id needed, a components mapping read
// as service=id pairs, and the key never repeated in a problem report.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

const base = { SLACK_BOT_TOKEN: "xoxb-1-2-secretvalue", SLACK_SIGNING_SECRET: "signing-secret-value-123" };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("Statuspage configuration", () => {
  it("is off without a key", () => {
    expect(loadConfig(base).statuspage).toBeUndefined();
  });

  it("reads the key, page id, default API URL and the components mapping", () => {
    const config = loadConfig({
      ...base,
      STATUSPAGE_API_KEY: "sp-secret-key-value",
      STATUSPAGE_PAGE_ID: "kctbh9vrtdwd",
      STATUSPAGE_COMPONENTS: "checkout=8kbf7d35c070, payments=vtnh60py4yd7",
    }).statuspage;
    expect(config).toEqual({
      apiKey: "sp-secret-key-value",
      pageId: "kctbh9vrtdwd",
      apiUrl: "https://api.statuspage.io/v1",
      components: { checkout: "8kbf7d35c070", payments: "vtnh60py4yd7" },
    });
  });

  it("asks for the page id with a key (and the key with a page id), never echoing the key", () => {
    const missingPage = problems({ ...base, STATUSPAGE_API_KEY: "sp-secret-key-value" });
    expect(missingPage.join("\n")).toMatch(/^STATUSPAGE_PAGE_ID is missing/m);
    expect(missingPage.join("\n")).not.toContain("sp-secret-key-value");
    expect(problems({ ...base, STATUSPAGE_PAGE_ID: "kctbh9vrtdwd" }).join("\n")).toMatch(
      /^STATUSPAGE_API_KEY is missing/m,
    );
  });

  it("names a malformed components entry", () => {
    const found = problems({
      ...base,
      STATUSPAGE_API_KEY: "k",
      STATUSPAGE_PAGE_ID: "p",
      STATUSPAGE_COMPONENTS: "checkout",
    });
    expect(found.join("\n")).toContain(
      'STATUSPAGE_COMPONENTS has "checkout": each entry must be service=component_id',
    );
  });
});
