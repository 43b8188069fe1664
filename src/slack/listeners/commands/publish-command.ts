// Handler of `/incident publish`: puts the channel's incident on the public status page.
import { publishVerb } from "../../../domain/command/verbs/publish.ts";
import { publishIncident } from "../../../services/status-page/publish-incident.ts";
import { renderResult } from "../../views/replies/index.ts";
import { defineIncidentCommand } from "./scope.ts";

export const publishCommand = defineIncidentCommand({
  verb: publishVerb,
  run: ({ incidentId, actorId, requestKey }, _args, { deps }) =>
    publishIncident(deps, { incidentId, actorId, requestKey }),
  render: renderResult,
});
