// The draft's built-in structure, written in the template language (template.ts) so that a
// team's own template (POSTMORTEM_TEMPLATE) can start from a copy of it. The order follows
// strong public postmortems such as Datadog's of 8 March 2023: what happened and how we
// responded first, then the cause, the recovery, and what we learnt.
export const BUILTIN_TEMPLATE = `# INC-{{number}}: {{title}}

{{section:header}}

## Impact, chronology and response

### Incident and impact

{{section:impact}}

### Chronology

{{section:chronology}}

### Response

{{section:response}}

## Root cause

{{section:root-cause}}

## Recovery

{{section:recovery}}

## Lessons learned

{{section:lessons}}

### Action items

{{section:action-items}}

## In closing

{{section:closing}}

## Appendix

### Metrics

{{section:metrics}}

### Shifts

{{section:shifts}}

### Status and command over time

{{section:gantt}}

### Full timeline

{{section:timeline}}
`;
