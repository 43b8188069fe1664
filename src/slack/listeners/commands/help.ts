import { helpVerb } from "../../../domain/command/verbs/help.ts";
import { helpMessage } from "../../views/help.ts";
import { defineCommand } from "./command.ts";

export const helpCommand = defineCommand({
  verb: helpVerb,
  run: async (context) => helpMessage(context.verbs),
});
