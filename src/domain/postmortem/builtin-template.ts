// The draft's built-in structure, written in the template language (template.ts) so that a
// team's own template (POSTMORTEM_TEMPLATE) can start from a copy of it. The order follows
// strong public postmortems such as Datadog's of 8 March 2023: what happened and how we
// responded first, then the cause, the recovery, and what we learnt.

import { en } from "./locale/en.ts";
import type { Catalogue } from "./locale/index.ts";

/** The built-in layout with the headings of a language's catalogue. */
export function builtinTemplate(t: Catalogue): string {
  const h = t.headings;
  return `# INC-{{number}}: {{title}}

{{section:header}}

## ${h.impactChronologyResponse}

### ${h.incidentAndImpact}

{{section:impact}}

### ${h.chronology}

{{section:chronology}}

### ${h.response}

{{section:response}}

## ${h.rootCause}

{{section:root-cause}}

## ${h.recovery}

{{section:recovery}}

## ${h.lessons}

{{section:lessons}}

### ${h.actionItems}

{{section:action-items}}

## ${h.closing}

{{section:closing}}

## ${h.appendix}

### ${h.metrics}

{{section:metrics}}

{{section:access}}

### ${h.shifts}

{{section:shifts}}

### ${h.gantt}

{{section:gantt}}

### ${h.timeline}

{{section:timeline}}
`;
}

export const BUILTIN_TEMPLATE = builtinTemplate(en);
