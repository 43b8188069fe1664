// `/incident page`: one use case, its result in words.
import { pageVerb } from "../../../domain/command/verbs/page.ts";
import { pageSomeone } from "../../../services/paging/page-someone.ts";
import { renderResult } from "../../views/replies/index.ts";
import { defineIncidentCommand } from "./scope.ts";

export const pageCommand = defineIncidentCommand({
  verb: pageVerb,
  run: (request, args, { deps }) => pageSomeone(deps, { ...request, who: args.who, reason: args.reason }),
  render: renderResult,
});
