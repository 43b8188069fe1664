// Handlers of the verbs that change an incident: each maps its arguments to one use case.
import { milestoneVerb } from "../../../domain/command/verbs/milestone.ts";
import { inviteVerb, roleVerb } from "../../../domain/command/verbs/roles.ts";
import { serviceVerb } from "../../../domain/command/verbs/service.ts";
import { sevVerb } from "../../../domain/command/verbs/sev.ts";
import { reopenVerb, statusVerb } from "../../../domain/command/verbs/status.ts";
import { workstreamVerb } from "../../../domain/command/verbs/workstream.ts";
import { notFound } from "../../../domain/errors.ts";
import { parseTime } from "../../../domain/time/parse-time.ts";
import { assignRole } from "../../../services/assign-role.ts";
import { changeSeverity } from "../../../services/change-severity.ts";
import { changeStatus, reopenIncident } from "../../../services/change-status.ts";
import { invitePeople } from "../../../services/invite-people.ts";
import { recordMilestone } from "../../../services/record-milestone.ts";
import { setServiceStatus } from "../../../services/set-service-status.ts";
import { addWorkstream, normaliseWorkstreamName } from "../../../services/workstreams.ts";
import { defineCommand } from "./command.ts";
import { requireScope } from "./scope.ts";

export const sevCommand = defineCommand({
  verb: sevVerb,
  async run(context, args) {
    const { incident, workstream } = await requireScope(context, sevVerb.name);
    return changeSeverity(context.deps, {
      incidentId: incident.id,
      workstreamId: workstream?.id ?? null,
      to: args.severity,
      reason: args.reason,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const statusCommand = defineCommand({
  verb: statusVerb,
  async run(context, args) {
    const { incident, workstream } = await requireScope(context, statusVerb.name);
    return changeStatus(context.deps, {
      incidentId: incident.id,
      workstreamId: workstream?.id ?? null,
      to: args.status,
      message: args.message,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const reopenCommand = defineCommand({
  verb: reopenVerb,
  async run(context, args) {
    const { incident } = await requireScope(context, reopenVerb.name);
    return reopenIncident(context.deps, {
      incidentId: incident.id,
      reason: args.reason,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const roleCommand = defineCommand({
  verb: roleVerb,
  async run(context, args) {
    const { incident, workstream } = await requireScope(context, roleVerb.name);
    return assignRole(context.deps, {
      incidentId: incident.id,
      role: args.role,
      userId: args.userId,
      workstreamId: null,
      contextWorkstreamId: workstream?.id ?? null,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const inviteCommand = defineCommand({
  verb: inviteVerb,
  async run(context, args) {
    const { incident, workstream } = await requireScope(context, inviteVerb.name);
    return invitePeople(context.deps, {
      incidentId: incident.id,
      workstreamId: workstream?.id ?? null,
      userIds: args.userIds,
      groupIds: args.groupIds,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const workstreamCommand = defineCommand({
  verb: workstreamVerb,
  async run(context, args) {
    const { incident, workstream: here } = await requireScope(context, workstreamVerb.name);
    const { deps } = context;
    if (args.action === "add") {
      return addWorkstream(deps, {
        incidentId: incident.id,
        name: args.name,
        leadId: args.leadId,
        withChannel: args.withChannel,
        actorId: context.userId,
        requestKey: context.requestKey,
      });
    }
    const name = normaliseWorkstreamName(args.name);
    const workstream = await deps.database.db.workstream.findUnique({
      where: { incidentId_name: { incidentId: incident.id, name } },
    });
    if (!workstream)
      throw notFound(`There is no workstream \`${name}\`. \`/incident workstreams\` lists them.`);
    if (args.action === "lead") {
      return assignRole(deps, {
        incidentId: incident.id,
        role: "lead",
        userId: args.leadId,
        workstreamId: workstream.id,
        contextWorkstreamId: here?.id ?? workstream.id,
        actorId: context.userId,
        requestKey: context.requestKey,
      });
    }
    return changeStatus(deps, {
      incidentId: incident.id,
      workstreamId: workstream.id,
      to: args.status,
      message: args.message,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const serviceCommand = defineCommand({
  verb: serviceVerb,
  async run(context, args) {
    const { incident, workstream } = await requireScope(context, serviceVerb.name);
    return setServiceStatus(context.deps, {
      incidentId: incident.id,
      workstreamId: workstream?.id ?? null,
      service: args.service,
      // In a regional workstream's channel the region defaults to that workstream.
      region: args.region || (workstream ? workstream.name : ""),
      phase: args.phase,
      state: args.state,
      note: args.note,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const milestoneCommand = defineCommand({
  verb: milestoneVerb,
  async run(context, args) {
    const { incident, workstream } = await requireScope(context, milestoneVerb.name);
    const at = args.at ? parseTime(args.at, context.deps.clock.now()) : null;
    return recordMilestone(context.deps, {
      incidentId: incident.id,
      workstreamId: workstream?.id ?? null,
      name: args.name,
      at,
      note: args.note,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});
