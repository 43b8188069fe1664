// The status page's HTML and Atom renderers with hostile text: everything typed stays text.
// The feed library wraps titles and content in CDATA marked type="html", so a "]]>" in typed
// text must not end the CDATA and markup must arrive escaped.
import { describe, expect, it } from "vitest";
import { buildStatusPage } from "../../../src/domain/status-page/page-model.ts";
import { renderStatusAtom } from "../../../src/http/status/render-atom.ts";
import { renderStatusHtml } from "../../../src/http/status/render-html.ts";

const NOW = new Date("2026-03-08T12:00:00.000Z");
const HOSTILE = `]]><script>alert(1)</script> "><img src=x onerror=alert(2)> ' & <!channel>`;

const page = buildStatusPage(
  [
    {
      number: 4,
      title: HOSTILE,
      status: "identified",
      declaredAt: new Date("2026-03-08T10:00:00Z"),
      publishedAt: new Date("2026-03-08T10:01:00Z"),
      resolvedAt: null,
      updates: [{ id: 9, at: new Date("2026-03-08T10:02:00Z"), text: HOSTILE }],
      board: [{ service: "api", region: "eu1", phase: "live", state: "outage", updatedAt: NOW }],
    },
  ],
  NOW,
);

describe("status page renderers", () => {
  it("escapes typed text in the HTML, attributes included", () => {
    const html = renderStatusHtml(page);
    expect(html).not.toMatch(/<script>alert|<img|onerror=alert\(2\)>/);
    expect(html).toContain(
      "]]&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;",
    );
    // Exactly the page's own script element.
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it("keeps the Atom feed well formed with typed text escaped inside its CDATA", () => {
    const atom = renderStatusAtom(page, "https://status.example.com");
    expect(atom).not.toMatch(/<script|<img/);
    // Every CDATA section closes once: no typed "]]>" ends one early.
    expect(atom.split("<![CDATA[").length).toBe(atom.split("]]>").length);
    expect(atom).toContain("]]&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(atom).toContain("<id>https://status.example.com/status#update-9</id>");
    expect(atom).toContain('href="https://status.example.com/status#incident-4"');
  });
});
