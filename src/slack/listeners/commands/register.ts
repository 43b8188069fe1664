// Registers `/incident` and `/inc` with Bolt: parse, run the verb, acknowledge with the reply.
// Acknowledging after the use case has committed means an acknowledged update is stored.
import type { App } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { parseCommand } from "../../../domain/command/dispatch.ts";
import { slashCommandSchema } from "../../inbound.ts";
import { commandEdge } from "../edge.ts";
import type { CommandReply } from "./command.ts";
import { ALL_VERBS, COMMAND_HANDLERS } from "./index.ts";
import { incidentMenu } from "./menu.ts";

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
    // No text: the action menu (help is one word away, and the menu says so).
    if (!(command.text ?? "").trim()) return incidentMenu(deps, command.channel_id);
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

/**
 * How long a command may take before it is acknowledged without its answer. Slack gives an
 * acknowledgement 3 seconds (Bolt answers 404 after that and Slack shows the person a failure,
 * though the work goes on and is committed); this leaves half a second for the network and a
 * busy event loop. Only a command waiting on Slack (or a badly overloaded process) gets there.
 */
export const ACK_DEADLINE_MS = 2500;

const STILL_WORKING =
  ":hourglass_flowing_sand: Slack is slow to answer right now. I'm on it: the answer (or the form) follows as soon as Slack catches up; no need to run the command again.";

function replyBody(reply: CommandReply) {
  return {
    response_type: reply.inChannel ? "in_channel" : "ephemeral",
    text: reply.text,
    ...(reply.blocks ? { blocks: reply.blocks } : {}),
  } as const;
}

export function registerCommands(app: App, deps: Deps): void {
  app.command(/^\/(incident|inc)$/, async ({ command, ack }) => {
    // The answer normally goes in the acknowledgement (acknowledged means committed). When
    // Slack is slow to answer something the command reads or opens, the acknowledgement goes
    // out at the deadline saying so, and the answer follows through the response_url: a write
    // that finishes late never looks failed, and the request key (the trigger_id) keeps a
    // retried delivery of the same command from recording it twice.
    const work = runSlashCommand(deps, command);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"late">((resolve) => {
      timer = setTimeout(resolve, ACK_DEADLINE_MS, "late");
    });
    const first = await Promise.race([work, deadline]);
    clearTimeout(timer);
    if (first !== "late") return first ? ack(replyBody(first) as never) : ack();
    await ack({ response_type: "ephemeral", text: STILL_WORKING } as never);
    const reply = await work;
    if (!reply) return;
    const responseUrl = typeof command.response_url === "string" ? command.response_url : undefined;
    if (!responseUrl) return;
    await deps.gateway
      .respond(responseUrl, replyBody(reply))
      .catch((error) => deps.logger.warn({ err: error }, "could not send a late command answer"));
  });
}
