// The stored shape of page events (./page-events.ts), parsed like every timeline entry.
import { z } from "zod";

const pager = z.enum(["pagerduty", "opsgenie", "webhook"]);
const ref = {
  pageId: z.number().int().nullable(),
  dedupKey: z.string(),
  targetKind: z.enum(["team", "person"]),
  targetId: z.string(),
};

export const pageEventSchemas = [
  z.object({
    kind: z.literal("page_sent"),
    ...ref,
    email: z.string().nullable(),
    reason: z.string(),
    source: z.enum(["command", "severity", "handoff"]),
    handoffId: z.number().int().nullable(),
    pagers: z.array(pager),
  }),
  z.object({
    kind: z.literal("page_acknowledged"),
    ...ref,
    byUserId: z.string().nullable(),
    afterMs: z.number(),
  }),
  z.object({ kind: z.literal("page_resolved"), ...ref, byUserId: z.string().nullable(), why: z.string() }),
  z.object({
    kind: z.literal("page_failed"),
    ...ref,
    pager,
    error: z.string(),
    allRefused: z.boolean().optional(),
  }),
] as const;
