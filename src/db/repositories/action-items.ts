// Follow-up action items of an incident.
import type { ActionItem } from "../../domain/postmortem/action-item.ts";
import type { Tx } from "../client.ts";
import type { ActionItem as ActionItemRow } from "../models.ts";
import { oneOf } from "./parse-row.ts";

export function toActionItem(row: ActionItemRow): ActionItem {
  return {
    ...row,
    status: oneOf(["open", "done"] as const, row.status, {
      table: "ActionItem",
      id: row.id,
      column: "status",
    }),
  };
}

export function actionItemsRepository(db: Tx) {
  return {
    async create(input: {
      incidentId: number;
      text: string;
      ownerId: string | null;
      createdById: string;
      at: Date;
    }) {
      const row = await db.actionItem.create({
        data: {
          incidentId: input.incidentId,
          text: input.text,
          ownerId: input.ownerId,
          createdById: input.createdById,
          createdAt: input.at,
        },
      });
      return toActionItem(row);
    },

    count: (incidentId: number): Promise<number> => db.actionItem.count({ where: { incidentId } }),

    async open(incidentId: number): Promise<ActionItem[]> {
      const rows = await db.actionItem.findMany({
        where: { incidentId, status: "open" },
        orderBy: { id: "asc" },
      });
      return rows.map(toActionItem);
    },

    async markDone(id: number, at: Date): Promise<void> {
      await db.actionItem.update({ where: { id }, data: { status: "done", doneAt: at } });
    },

    async setOwner(id: number, ownerId: string | null): Promise<void> {
      await db.actionItem.update({ where: { id }, data: { ownerId } });
    },

    async setText(id: number, text: string): Promise<void> {
      await db.actionItem.update({ where: { id }, data: { text } });
    },

    /** In the order the postmortem numbers them (item N is the Nth of this list). */
    async numbered(incidentId: number): Promise<ActionItem[]> {
      const rows = await db.actionItem.findMany({
        where: { incidentId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toActionItem);
    },

    async ofIncident(incidentId: number): Promise<ActionItem[]> {
      const rows = await db.actionItem.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
      return rows.map(toActionItem);
    },
  };
}

export type ActionItemsRepository = ReturnType<typeof actionItemsRepository>;
