// Registers `/incident` and `/inc` with Bolt: parse, run the verb, acknowledge with the reply.
// Acknowledging after the use case has committed means an acknowledged update is stored.
import type { App } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { parseCommand } from "../../../domain/command/dispatch.ts";
import { slashCommandSchema } from "../../inbound.ts";
import { commandEdge } from "../edge.ts";
import type { CommandReply } from "./command.ts";
import { ALL_VERBS, COMMAND_HANDLERS } from "./index.ts";

export async function runSlashCommand(deps: Deps, payload: unknown): Promise<CommandReply | null> {
  const parsed = slashCommandSchema.safeParse(payload);
  if (!parsed.success) {
    deps.logger.warn(
      { issues: parsed.error.issues.map((i) => i.path.join(".")) },
      "malformed slash command payload",
    );
    return { text: ":warning: Slack sent this command in a form I don't understand; nothing was changed." };
  }
  const command = parsed.data;
  return commandEdge(deps, `/incident ${(command.text ?? "").split(/\s/)[0]}`, async () => {
    const { verb, args } = parseCommand(ALL_VERBS, command.text, "help");
    const handler = COMMAND_HANDLERS.find((h) => h.verb === verb);
    if (!handler) throw new Error(`no handler for verb ${verb.name}`);
    return await handler.run(
      {
        deps,
        userId: command.user_id,
        channelId: command.channel_id,
        triggerId: command.trigger_id,
        responseUrl: command.response_url,
        text: command.text,
        requestKey: `command:${command.trigger_id}`,
        verbs: ALL_VERBS,
      },
      args,
    );
  });
}

export function registerCommands(app: App, deps: Deps): void {
  app.command(/^\/(incident|inc)$/, async ({ command, ack }) => {
    const reply = await runSlashCommand(deps, command);
    if (!reply) return ack();
    return ack({
      response_type: reply.inChannel ? "in_channel" : "ephemeral",
      text: reply.text,
      ...(reply.blocks ? { blocks: reply.blocks } : {}),
    } as never);
  });
}
