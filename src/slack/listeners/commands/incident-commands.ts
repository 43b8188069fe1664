// Handlers of the verbs that change an incident: each maps its arguments to one use case and
// renders the use case's result. Typed free text (reasons, messages, notes) is stored as plain
// words, the way updates are (services/timeline/humanize.ts): "@alex", never "<@U123>".
import { milestoneVerb } from "../../../domain/command/verbs/milestone.ts";
import { inviteVerb, roleVerb } from "../../../domain/command/verbs/roles.ts";
import { serviceVerb } from "../../../domain/command/verbs/service.ts";
import { sevVerb } from "../../../domain/command/verbs/sev.ts";
import { reopenVerb, statusVerb } from "../../../domain/command/verbs/status.ts";
import { workstreamVerb } from "../../../domain/command/verbs/workstream.ts";
import { assignRole } from "../../../services/assign-role.ts";
import { changeSeverity } from "../../../services/change-severity.ts";
import { changeStatus, reopenIncident } from "../../../services/change-status.ts";
import { invitePeople } from "../../../services/invite-people.ts";
import { changeNamedWorkstreamStatus, leadNamedWorkstream } from "../../../services/named-workstream.ts";
import { recordMilestone } from "../../../services/record-milestone.ts";
import { setServiceStatus } from "../../../services/set-service-status.ts";
import { humanizeSlackText } from "../../../services/timeline/humanize.ts";
import { typedTime } from "../../../services/typed-time.ts";
import { addWorkstream } from "../../../services/workstreams.ts";
import { renderResult } from "../../views/replies/index.ts";
import { defineIncidentCommand } from "./scope.ts";

export const sevCommand = defineIncidentCommand({
  verb: sevVerb,
  run: async (request, args, { deps }) =>
    changeSeverity(deps, {
      ...request,
      to: args.severity,
      reason: await humanizeSlackText(deps, args.reason),
      at: await typedTime(deps, request.actorId, args.at),
    }),
  render: renderResult,
});

export const statusCommand = defineIncidentCommand({
  verb: statusVerb,
  run: async (request, args, { deps }) =>
    changeStatus(deps, {
      ...request,
      to: args.status,
      message: await humanizeSlackText(deps, args.message),
      at: await typedTime(deps, request.actorId, args.at),
    }),
  render: renderResult,
});

export const reopenCommand = defineIncidentCommand({
  verb: reopenVerb,
  run: async ({ workstreamId: _, ...request }, args, { deps }) =>
    reopenIncident(deps, { ...request, reason: await humanizeSlackText(deps, args.reason) }),
  render: renderResult,
});

export const roleCommand = defineIncidentCommand({
  verb: roleVerb,
  run: async ({ workstreamId, ...request }, args, { deps }) =>
    assignRole(deps, {
      ...request,
      role: args.role,
      userId: args.userId,
      workstreamId: null,
      contextWorkstreamId: workstreamId,
      at: await typedTime(deps, request.actorId, args.at),
    }),
  render: renderResult,
});

export const inviteCommand = defineIncidentCommand({
  verb: inviteVerb,
  run: async (request, args, { deps }) =>
    invitePeople(deps, {
      ...request,
      userIds: args.userIds,
      groupIds: args.groupIds,
      groupHandles: args.groupHandles,
    }),
  render: renderResult,
});

export const workstreamCommand = defineIncidentCommand({
  verb: workstreamVerb,
  run: async ({ workstreamId, ...request }, args, { deps }) => {
    switch (args.action) {
      case "add":
        return addWorkstream(deps, {
          ...request,
          name: args.name,
          leadId: args.leadId,
          withChannel: args.withChannel,
          parent: args.parent,
        });
      case "lead":
        return leadNamedWorkstream(deps, {
          ...request,
          workstreamId,
          name: args.name,
          leadId: args.leadId,
          at: await typedTime(deps, request.actorId, args.at),
        });
      case "status":
        return changeNamedWorkstreamStatus(deps, {
          ...request,
          workstreamId,
          name: args.name,
          to: args.status,
          message: await humanizeSlackText(deps, args.message),
          at: await typedTime(deps, request.actorId, args.at),
        });
    }
  },
  render: renderResult,
});

export const serviceCommand = defineIncidentCommand({
  verb: serviceVerb,
  run: async (request, args, { deps, scope }) =>
    setServiceStatus(deps, {
      ...request,
      service: args.service,
      // In a regional workstream's channel the region defaults to that workstream.
      region: args.region || ((await scope()).workstream?.name ?? ""),
      phase: args.phase,
      state: args.state,
      note: await humanizeSlackText(deps, args.note),
      at: await typedTime(deps, request.actorId, args.at),
    }),
  render: renderResult,
});

export const milestoneCommand = defineIncidentCommand({
  verb: milestoneVerb,
  run: async (request, args, { deps }) =>
    recordMilestone(deps, {
      ...request,
      name: args.name,
      at: await typedTime(deps, request.actorId, args.at),
      note: await humanizeSlackText(deps, args.note),
    }),
  render: renderResult,
});
