// A small incident for focused tests: the minimal fixture, declared at 00:00 as SEV2 and
// resolved at 06:00 on 2023-03-09, with the given timeline entries ([time, kind, data, actor]).
import type { PostmortemEntry, PostmortemInput } from "../../../src/domain/postmortem/input.ts";
import { minimalIncident } from "../../fixtures/postmortem/minimal-incident.ts";

export const at = (hhmm: string) => new Date(`2023-03-09T${hhmm}:00.000Z`);

export function incident(
  entries: [string, string, Record<string, unknown>, string?][],
  change: Partial<PostmortemInput["incident"]> = {},
): PostmortemInput {
  const base = minimalIncident();
  const declared = at("00:00");
  const first = base.entries[0] as PostmortemEntry;
  return {
    ...base,
    incident: {
      ...base.incident,
      createdAt: declared,
      resolvedAt: at("06:00"),
      status: "resolved",
      ...change,
    },
    milestones: [{ ...(base.milestones[0] as PostmortemInput["milestones"][number]), occurredAt: declared }],
    entries: [
      {
        ...first,
        occurredAt: declared,
        recordedAt: declared,
        data: { ...(first.data as object), severity: 2 },
      },
      ...entries.map(([time, kind, data, actor], i) => ({
        id: 10 + i,
        kind,
        occurredAt: at(time),
        recordedAt: at(time),
        actorId: actor ?? "U0SOLO0001",
        workstreamId: null,
        text: "",
        data: { kind, ...data },
        tag: null,
        permalink: null,
      })),
    ],
    userNames: new Map([
      ["U0SOLO0001", "Sol Oh"],
      ["U0CASEY001", "Casey Lindqvist"],
    ]),
    generatedAt: at("07:00"),
  };
}
