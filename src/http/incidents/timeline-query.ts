// The incident page's timeline filters, from its GET form's query parameters: workstream, kind,
// time range and page. Each parameter is checked on its own with zod, so one bad value is
// reported by name and dropped while the other filters still apply.
import { DateTime } from "luxon";
import { z } from "zod";
import { incidentEventSchema } from "../../domain/timeline/event-schema.ts";

/** Every kind of timeline entry, as the kind filter offers them. */
export const TIMELINE_KINDS: readonly string[] = incidentEventSchema.options.map(
  (option) => (option.shape.kind as { value: string }).value,
);

/** Entries on one page of the web timeline. */
export const WEB_TIMELINE_PAGE_SIZE = 100;

export interface TimelineQuery {
  workstream: string | null;
  kind: string | null;
  from: Date | null;
  to: Date | null;
  /** 1-based. */
  page: number;
  /** What the form shows back, as typed (valid or not), so a bad value can be corrected. */
  typed: { workstream: string; kind: string; from: string; to: string };
  /** One sentence per value that was refused; empty when all were fine. */
  problems: string[];
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A time as the form's datetime-local field sends it (in `zone`), or an ISO instant with offset. */
function instantSchema(zone: string) {
  return z
    .string()
    .max(40, "is too long")
    .transform((text, ctx) => {
      const trimmed = text.trim();
      const parsed = WITH_OFFSET.test(trimmed)
        ? DateTime.fromISO(trimmed, { setZone: true })
        : LOCAL_TIME.test(trimmed)
          ? DateTime.fromISO(trimmed, { zone })
          : null;
      if (!parsed?.isValid) {
        ctx.addIssue({ code: "custom", message: "is not a time like 2026-03-09T14:30" });
        return z.NEVER;
      }
      return parsed.toJSDate();
    });
}

const single = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? value[0] : value)?.slice(0, 200) ?? "";

export function parseTimelineQuery(
  params: URLSearchParams,
  options: { zone: string; workstreams: readonly string[] },
): TimelineQuery {
  const typed = {
    workstream: single(params.get("workstream") ?? undefined),
    kind: single(params.get("kind") ?? undefined),
    from: single(params.get("from") ?? undefined),
    to: single(params.get("to") ?? undefined),
  };
  const problems: string[] = [];
  const check = <T>(label: string, schema: z.ZodType<T>, text: string): T | null => {
    if (!text.trim()) return null;
    const result = schema.safeParse(text);
    if (result.success) return result.data;
    problems.push(`${label} “${text}” ${result.error.issues[0]?.message ?? "is not valid"}; it was ignored.`);
    return null;
  };
  const workstream = check(
    "Workstream",
    z
      .string()
      .transform((t) => t.trim())
      .refine((name) => options.workstreams.includes(name), "is not a workstream of this incident"),
    typed.workstream,
  );
  const kind = check(
    "Kind",
    z.string().refine((k) => TIMELINE_KINDS.includes(k), "is not a kind of timeline entry"),
    typed.kind,
  );
  const from = check("From", instantSchema(options.zone), typed.from);
  let to = check("To", instantSchema(options.zone), typed.to);
  if (from && to && to <= from) {
    problems.push("To must be after From; the end of the range was ignored.");
    to = null;
  }
  const pageText = params.get("page") ?? "";
  const page =
    check(
      "Page",
      z
        .string()
        .regex(/^\d{1,6}$/, "is not a page number")
        .transform(Number)
        .refine((n) => n >= 1, "is not a page number"),
      pageText,
    ) ?? 1;
  return { workstream, kind, from, to, page, typed, problems };
}
