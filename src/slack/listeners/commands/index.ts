// `/incident` (and `/inc`): every verb's handler. Adding a verb = one handler + one line here.
import type { Verb } from "../../../domain/command/verb.ts";
import type { CommandHandler } from "./command.ts";
import { declareCommand } from "./declare.ts";
import { summaryCommand, titleCommand } from "./details-commands.ts";
import { helpCommand } from "./help.ts";
import {
  inviteCommand,
  milestoneCommand,
  reopenCommand,
  roleCommand,
  serviceCommand,
  sevCommand,
  statusCommand,
  workstreamCommand,
} from "./incident-commands.ts";
import { pageCommand } from "./page-commands.ts";
import { actionCommand, closeCommand, postmortemCommand } from "./postmortem-commands.ts";
import { publishCommand } from "./publish-command.ts";
import { listCommand, rolesCommand, workstreamsCommand } from "./query-commands.ts";
import { handoffCommand, rotationCommand, rotationsCommand, shiftsCommand } from "./rotation-commands.ts";
import { noteCommand, timelineCommand, updateCommand } from "./timeline-commands.ts";

export const COMMAND_HANDLERS = [
  declareCommand,
  sevCommand,
  statusCommand,
  reopenCommand,
  titleCommand,
  summaryCommand,
  listCommand,
  roleCommand,
  rolesCommand,
  inviteCommand,
  workstreamCommand,
  workstreamsCommand,
  serviceCommand,
  milestoneCommand,
  updateCommand,
  noteCommand,
  publishCommand,
  timelineCommand,
  rotationCommand,
  rotationsCommand,
  shiftsCommand,
  handoffCommand,
  closeCommand,
  postmortemCommand,
  actionCommand,
  pageCommand,
  helpCommand,
] as unknown as CommandHandler<unknown>[];

export const ALL_VERBS: readonly Verb<unknown>[] = COMMAND_HANDLERS.map((handler) => handler.verb);
