// POSTMORTEM_LOCALE: the draft in Korean has the English draft's structure, with its own
// headings, fixed phrases, prompts and durations; English stays the default.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { renderFullTimeline } from "../../../src/domain/postmortem/full-timeline.ts";
import { en } from "../../../src/domain/postmortem/locale/en.ts";
import { ko } from "../../../src/domain/postmortem/locale/ko.ts";
import { renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { formatDuration } from "../../../src/domain/time/duration.ts";
import { richIncident } from "../../fixtures/postmortem/rich-incident.ts";
import { configProblems, MINIMAL_ENV } from "../../support/config-env.ts";

const headings = (markdown: string) => markdown.split("\n").filter((line) => /^#{2,3} /.test(line));

describe("the draft's language", () => {
  const english = renderMarkdown(buildPostmortem(richIncident()));
  const korean = renderMarkdown(buildPostmortem(richIncident(), { locale: "ko" }));

  it("is English by default", () => {
    expect(buildPostmortem(richIncident()).locale).toBe("en");
    expect(english).toContain("## Impact, chronology and response");
  });

  it("renders Korean in the same structure: impact, chronology and response; root cause; recovery; lessons; in closing", () => {
    expect(headings(korean)).toHaveLength(headings(english).length);
    for (const heading of ["## 영향, 타임라인 및 대응", "## 근본 원인", "## 복구", "## 교훈", "## 맺음말"])
      expect(headings(korean)).toContain(heading);
    expect(korean.split("\n").filter((l) => l.startsWith("|")).length).toBe(
      english.split("\n").filter((l) => l.startsWith("|")).length,
    );
  });

  it("writes durations, prompts and fixed phrases in Korean, typed text as typed", () => {
    expect(korean).toContain("**지속 시간:** 1일 5시간 30분 (영향 시작부터 해결까지)");
    expect(korean).toContain(`_${ko.build.closingPrompt}_`);
    expect(korean).toContain("**상황 공유 주기를 4번 지키지 못했습니다.**");
    expect(korean).toContain("Customers could not send or query logs and metrics");
    expect(korean).not.toContain(en.build.closingPrompt);
    expect(formatDuration(27 * 3_600_000 + 38 * 60_000, ko.duration)).toBe("1일 3시간 38분");
  });
});

describe("POSTMORTEM_LOCALE", () => {
  const base = MINIMAL_ENV;

  it("is English unless set, and accepts ko", () => {
    expect(loadConfig(base).incidents.postmortemLocale).toBe("en");
    expect(loadConfig({ ...base, POSTMORTEM_LOCALE: "ko" }).incidents.postmortemLocale).toBe("ko");
  });

  it("refuses a language it has no catalogue for, naming the variable", () => {
    const problems = configProblems({ ...base, POSTMORTEM_LOCALE: "fr" });
    expect(problems.join("\n")).toMatch(/POSTMORTEM_LOCALE/);
  });

  it("writes the appendix timeline and the full timeline file in Korean, typed text as typed", () => {
    const korean = renderMarkdown(buildPostmortem(richIncident(), { locale: "ko" }));
    const appendix = korean.slice(korean.indexOf(`## ${ko.headings.appendix}`));
    const rows = appendix.split("\n").filter((l) => /^\| 2023-/.test(l));
    expect(rows.length).toBeGreaterThan(40);
    // The timeline's English describers, none of which a Korean reader should meet.
    for (const english of [
      "Incident declared as",
      "Escalated from",
      "Status changed from",
      "is now communications lead",
      "Status update",
      "Workstream `",
      "took over as",
      "Handoff brief written",
      "Update reminder sent",
      "Milestone `",
      " in `us1`",
      "Invited ",
    ])
      expect(appendix).not.toContain(english);
    expect(appendix).toContain("SEV2로 인시던트 선언: Logs \\& metrics intake down \\| all regions");
    expect(appendix).toContain("심각도 상향 (SEV2 → SEV1): All five regions affected");
    expect(appendix).toContain("`metrics` (`eu1`): **장애** (이전 복구됨) — the revert re-applied");
    const csv = renderFullTimeline(richIncident(), "csv", "ko");
    expect(csv).toContain("SEV2로 인시던트 선언: Logs & metrics intake down | all regions");
    expect(csv).not.toContain("Incident declared as");
    expect(renderFullTimeline(richIncident(), "csv")).toContain("Incident declared as SEV2");
  });
});
