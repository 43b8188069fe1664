// The draft as Markdown (through a template) or as JSON.
import { formatUtc } from "../time/format.ts";
import { BUILTIN_TEMPLATE, builtinTemplate } from "./builtin-template.ts";
import type { PostmortemDocument } from "./document.ts";
import { catalogue, LOCALES, type Locale } from "./locale/index.ts";
import { escapeChars, escapeInline } from "./markdown.ts";
import { accessSection } from "./render/access.ts";
import {
  actionItemsSection,
  closingSection,
  lessonsSection,
  recoverySection,
  rootCauseSection,
} from "./render/analysis.ts";
import { ganttSection, metricsSection, shiftsSection, timelineSection } from "./render/appendix.ts";
import { duration, phrases, severityWords, when } from "./render/format.ts";
import { chronologySection, headerSection, impactSection } from "./render/overview.ts";
import { responseSection } from "./render/response.ts";
import { fillTemplate, parseTemplate, type SectionName, type Template, type ValueName } from "./template.ts";

const SECTION_RENDERERS: Record<SectionName, (doc: PostmortemDocument) => string> = {
  header: headerSection,
  impact: impactSection,
  chronology: chronologySection,
  response: responseSection,
  "root-cause": rootCauseSection,
  recovery: recoverySection,
  lessons: lessonsSection,
  "action-items": actionItemsSection,
  closing: closingSection,
  metrics: metricsSection,
  shifts: shiftsSection,
  gantt: ganttSection,
  timeline: timelineSection,
  access: accessSection,
};

function placeholderValue(doc: PostmortemDocument, name: ValueName): string {
  const { incident } = doc;
  switch (name) {
    case "number":
      return String(incident.number);
    case "title":
      return escapeInline(incident.title);
    case "status":
      return escapeChars(incident.status);
    case "severity":
      return severityWords(doc, incident.peakSeverity);
    case "started":
      return when(doc, incident.start.at);
    case "ended":
      return incident.end ? when(doc, incident.end.at) : phrases(doc).ongoing;
    case "duration":
      return duration(doc, incident.durationMs, phrases(doc).ongoing);
    case "commanders":
      return incident.commanders.map((p) => escapeChars(p.name)).join(", ") || "—";
    case "generated_at":
      return formatUtc(new Date(doc.generatedAt), true);
    case "channel":
      return incident.channelName ? escapeChars(`#${incident.channelName}`) : "";
    case "summary":
      return escapeInline(doc.summary);
    case "customer_impact":
      return doc.impact.customerImpact ? escapeInline(doc.impact.customerImpact) : "";
    case "root_cause":
      return doc.rootCause.statement ? escapeInline(doc.rootCause.statement) : "";
    case "lessons":
      return doc.lessons.statement ? escapeInline(doc.lessons.statement) : "";
  }
}

function parseBuiltin(source: string): Template {
  const parsed = parseTemplate(source);
  if (!parsed.ok)
    throw new Error(`the built-in postmortem template is invalid: ${parsed.problems.join("; ")}`);
  return parsed.template;
}

export const BUILTIN: Template = parseBuiltin(BUILTIN_TEMPLATE);
const BUILTIN_BY_LOCALE = new Map<Locale, Template>(
  LOCALES.map((locale) => [
    locale,
    locale === "en" ? BUILTIN : parseBuiltin(builtinTemplate(catalogue(locale))),
  ]),
);

/**
 * The draft as Markdown, through `template` (the built-in one by default). The built-in
 * template is the one of the draft's language; a team's own template is used as written.
 */
export function renderMarkdown(doc: PostmortemDocument, template: Template = BUILTIN): string {
  const layout = template === BUILTIN ? (BUILTIN_BY_LOCALE.get(doc.locale) ?? BUILTIN) : template;
  const rendered = new Map<SectionName, string>();
  const section = (name: SectionName) => {
    let text = rendered.get(name);
    if (text === undefined) {
      text = SECTION_RENDERERS[name](doc);
      rendered.set(name, text);
    }
    return text;
  };
  return fillTemplate(layout, (name) => placeholderValue(doc, name), section);
}

/** The draft as JSON: the document itself, two-space indented, ending with a newline. */
export function renderJson(doc: PostmortemDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
