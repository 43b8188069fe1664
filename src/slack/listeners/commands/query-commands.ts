// Handlers of the verbs that only read: list, roles, workstreams.
import { listVerb } from "../../../domain/command/verbs/list.ts";
import { rolesVerb } from "../../../domain/command/verbs/roles.ts";
import { workstreamsVerb } from "../../../domain/command/verbs/workstream.ts";
import { ROLE_TITLES, type Role } from "../../../domain/incident/roles.ts";
import { type Status, statusBadge } from "../../../domain/incident/status.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../../domain/text/mrkdwn.ts";
import { formatUtc } from "../../../domain/time/format.ts";
import { visibleOpenIncidents } from "../../../services/visibility.ts";
import { context as contextBlock, header, section } from "../../views/blocks.ts";
import { chunkLines } from "../../views/chunk-lines.ts";
import { incidentList } from "../../views/incident-list.ts";
import { defineCommand } from "./command.ts";
import { requireScope } from "./scope.ts";

export const listCommand = defineCommand({
  verb: listVerb,
  async run(context) {
    const incidents = await visibleOpenIncidents(context.deps, context.userId);
    const commanders = await context.deps.store.read.roles.holders(
      incidents.map((i) => i.id),
      "commander",
    );
    return incidentList(
      incidents.map((incident) => ({ incident, commanderId: commanders.get(incident.id) ?? null })),
      context.deps.clock.now(),
    );
  },
});

export const rolesCommand = defineCommand({
  verb: rolesVerb,
  async run(context) {
    const { incident } = await requireScope(context, rolesVerb.name);
    const { db } = context.deps.database;
    const [assignments, workstreams] = await Promise.all([
      db.roleAssignment.findMany({
        where: { incidentId: incident.id },
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      }),
      db.workstream.findMany({ where: { incidentId: incident.id } }),
    ]);
    const wsName = new Map(workstreams.map((w) => [w.id, w.name]));
    const title = (role: string, workstreamId: number | null) =>
      `${ROLE_TITLES[role as Role] ?? role}${workstreamId ? ` \`${escapeMrkdwn(wsName.get(workstreamId) ?? "?")}\`` : ""}`;
    const current = assignments
      .filter((a) => !a.endedAt)
      .map(
        (a) =>
          `• *${title(a.role, a.workstreamId)}:* ${mentionUser(a.userId)} since ${formatUtc(a.startedAt, true)}`,
      );
    const past = assignments
      .filter((a) => a.endedAt)
      .map(
        (a) =>
          `• ${title(a.role, a.workstreamId)}: ${mentionUser(a.userId)} ${formatUtc(a.startedAt, true)} → ${formatUtc(a.endedAt as Date, true)}`,
      );
    const blocks = [
      header(`Roles · INC-${incident.number}`),
      ...chunkLines(current, "*Now*", 2).map((c) => section(c)),
      ...(past.length ? chunkLines(past, "*Before*", 3).map((c) => section(c)) : []),
    ];
    return { text: `Roles of INC-${incident.number}`, blocks };
  },
});

export const workstreamsCommand = defineCommand({
  verb: workstreamsVerb,
  async run(context) {
    const { incident } = await requireScope(context, workstreamsVerb.name);
    const { db } = context.deps.database;
    const [workstreams, leads] = await Promise.all([
      db.workstream.findMany({ where: { incidentId: incident.id }, orderBy: { id: "asc" } }),
      db.roleAssignment.findMany({ where: { incidentId: incident.id, role: "lead", endedAt: null } }),
    ]);
    if (!workstreams.length) {
      return {
        text: "No workstreams yet. Add one with `/incident workstream add <name> [--lead @user] [--channel]`.",
      };
    }
    const leadOf = new Map(leads.map((l) => [l.workstreamId, l.userId]));
    const lines = workstreams.map((w) => {
      const lead = leadOf.get(w.id);
      return `• \`${escapeMrkdwn(w.name)}\` ${statusBadge(w.status as Status)} — ${lead ? mentionUser(lead) : "_no lead_"}${w.channelId ? ` ${mentionChannel(w.channelId)}` : ""}`;
    });
    return {
      text: `${workstreams.length} workstreams`,
      blocks: [
        header(`Workstreams · INC-${incident.number}`),
        ...chunkLines(lines, "", 4).map((c) => section(c)),
        contextBlock([
          "`/incident workstream <name> lead @user` · `/incident workstream <name> status <status>`",
        ]),
      ],
    };
  },
});
