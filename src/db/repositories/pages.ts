// Pages sent outside Slack: created and moved on by the page events (src/events/handlers/pages.ts),
// read by the deliveries that call the pagers and by the channel's page message.
import type { Page, PageSource, PageStatus, PageTargetKind } from "../../domain/paging/page.ts";
import { OPEN_PAGE_STATUSES } from "../../domain/paging/page.ts";
import type { Db, Tx } from "../client.ts";
import type { Page as PageRow } from "../models.ts";
import { oneOf } from "./parse-row.ts";

const STATUSES: readonly PageStatus[] = ["triggered", "acknowledged", "resolved", "failed"];

export function toPage(row: PageRow): Page {
  const where = (column: string) => ({ table: "Page", id: row.id, column });
  return {
    ...row,
    targetKind: oneOf<PageTargetKind>(["team", "person"], row.targetKind, where("targetKind")),
    source: oneOf<PageSource>(["command", "severity", "handoff"], row.source, where("source")),
    status: oneOf(STATUSES, row.status, where("status")),
  };
}

export interface NewPage {
  incidentId: number;
  dedupKey: string;
  targetKind: PageTargetKind;
  targetId: string;
  email: string | null;
  reason: string;
  source: PageSource;
  handoffId: number | null;
  requestedById: string | null;
  triggeredAt: Date;
}

export function pagesRepository(db: Tx) {
  return {
    async create(page: NewPage): Promise<Page> {
      return toPage(await db.page.create({ data: { ...page, status: "triggered" } }));
    },
    async byId(id: number): Promise<Page | null> {
      const row = await db.page.findUnique({ where: { id } });
      return row ? toPage(row) : null;
    },
    async byDedupKey(dedupKey: string): Promise<Page | null> {
      const row = await db.page.findUnique({ where: { dedupKey } });
      return row ? toPage(row) : null;
    },
    /** Oldest first. */
    async ofIncident(incidentId: number): Promise<Page[]> {
      return (await db.page.findMany({ where: { incidentId }, orderBy: { id: "asc" } })).map(toPage);
    },
    /** Pages still waking someone (optionally only those of one handoff). */
    async open(incidentId: number, handoffId?: number): Promise<Page[]> {
      const rows = await db.page.findMany({
        where: { incidentId, status: { in: [...OPEN_PAGE_STATUSES] }, ...(handoffId ? { handoffId } : {}) },
        orderBy: { id: "asc" },
      });
      return rows.map(toPage);
    },
    async count(incidentId: number): Promise<number> {
      return db.page.count({ where: { incidentId } });
    },
    async acknowledge(id: number, at: Date, byUserId: string | null): Promise<void> {
      await db.page.update({
        where: { id },
        data: { status: "acknowledged", acknowledgedAt: at, acknowledgedById: byUserId },
      });
    },
    async resolve(id: number, at: Date): Promise<void> {
      await db.page.update({ where: { id }, data: { status: "resolved", resolvedAt: at } });
    },
    /** A pager refused the page: noted beside any earlier refusal; a page nobody took is failed. */
    async fail(page: Page, line: string, failedEverywhere: boolean): Promise<void> {
      await db.page.update({
        where: { id: page.id },
        data: {
          failure: page.failure ? `${page.failure}\n${line}` : line,
          ...(failedEverywhere && page.status === "triggered" ? { status: "failed" } : {}),
        },
      });
    },
  };
}

/** For the channel's page message (outbox delivery): where it was posted. */
export async function storePagesTs(db: Db, incidentId: number, ts: string): Promise<void> {
  await db.incident.update({ where: { id: incidentId }, data: { pagesTs: ts } });
}

/** What the channel's page message shows: the incident's pages and where the message is. */
export async function loadPageBoard(db: Db, incidentId: number) {
  const incident = await db.incident.findUnique({
    where: { id: incidentId },
    select: { id: true, number: true, channelId: true, pagesTs: true },
  });
  if (!incident) throw new Error(`incident ${incidentId} does not exist`);
  const pages = (await db.page.findMany({ where: { incidentId }, orderBy: { id: "asc" } })).map(toPage);
  return { incident, pages };
}
