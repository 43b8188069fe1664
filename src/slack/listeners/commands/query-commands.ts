// Handlers of the verbs that only read: list, roles, workstreams.
import { listVerb } from "../../../domain/command/verbs/list.ts";
import { rolesVerb } from "../../../domain/command/verbs/roles.ts";
import { workstreamsVerb } from "../../../domain/command/verbs/workstream.ts";
import { listOpenIncidents, roleHistory, workstreamsOverview } from "../../../services/incident-overviews.ts";
import { incidentList } from "../../views/incident-list.ts";
import { rolesView } from "../../views/roles-view.ts";
import { workstreamsView } from "../../views/workstreams-view.ts";
import { defineCommand } from "./command.ts";
import { defineIncidentCommand } from "./scope.ts";

export const listCommand = defineCommand({
  verb: listVerb,
  run: async ({ deps, userId }, args) =>
    incidentList(await listOpenIncidents(deps, userId, { page: args.page }), deps.clock.now()),
});

export const rolesCommand = defineIncidentCommand({
  verb: rolesVerb,
  run: async ({ incidentId }, { page }, { deps }) => ({
    holdings: await roleHistory(deps, incidentId),
    page,
  }),
  render: async ({ holdings, page }, { scope }) => rolesView((await scope()).incident.number, holdings, page),
});

export const workstreamsCommand = defineIncidentCommand({
  verb: workstreamsVerb,
  run: ({ incidentId }, _args, { deps }) => workstreamsOverview(deps, incidentId),
  render: async (workstreams, { scope }) => workstreamsView((await scope()).incident.number, workstreams),
});
