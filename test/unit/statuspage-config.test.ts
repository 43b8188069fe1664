// STATUSPAGE_* settings: off by default, both key and page id needed, a components mapping read
// as service=id pairs, and the key never repeated in a problem report.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
// The minimal environment (`base`) and what loadConfig reports (`problems`), shared by the config tests.
import { MINIMAL_ENV as base, configProblems as problems } from "../support/config-env.ts";

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
