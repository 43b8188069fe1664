// Handlers of the rotation and handoff verbs.
import {
  handoffVerb,
  rotationsVerb,
  rotationVerb,
  shiftsVerb,
} from "../../../domain/command/verbs/rotation.ts";
import { forbidden } from "../../../domain/errors.ts";
import { weekWarnings } from "../../../domain/rotation/coverage.ts";
import { describeShift, describeTimings } from "../../../domain/rotation/describe-shift.ts";
import { escapeMrkdwn, mentionGroup, mentionUser } from "../../../domain/text/mrkdwn.ts";
import { startManualHandoff } from "../../../services/handoffs/manual-handoff.ts";
import { scopeOfChannel } from "../../../services/incident-scope.ts";
import { isIncidentAdmin } from "../../../services/permissions.ts";
import { attachRotation } from "../../../services/rotations/attach-rotation.ts";
import { shiftsOverview } from "../../../services/rotations/shifts-overview.ts";
import { bumpRotationsGeneration } from "../../../services/rotations/sync-rotations.ts";
import { type Block, context as contextBlock, header, section } from "../../views/blocks.ts";
import { chunkLines } from "../../views/chunk-lines.ts";
import { shiftsView } from "../../views/handoffs/shifts-view.ts";
import { defineCommand } from "./command.ts";
import { requireScope } from "./scope.ts";

export const rotationCommand = defineCommand({
  verb: rotationVerb,
  async run(context, args) {
    const { incident, workstream } = await requireScope(context, rotationVerb.name);
    return attachRotation(context.deps, {
      incidentId: incident.id,
      workstream: args.workstream ?? workstream?.name ?? null,
      rotation: args.rotation,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const handoffCommand = defineCommand({
  verb: handoffVerb,
  async run(context, args) {
    const { incident, workstream } = await requireScope(context, handoffVerb.name);
    return startManualHandoff(context.deps, {
      incidentId: incident.id,
      workstream: args.workstream ?? workstream?.name ?? null,
      toUserId: args.toUserId,
      actorId: context.userId,
      requestKey: context.requestKey,
    });
  },
});

export const shiftsCommand = defineCommand({
  verb: shiftsVerb,
  async run(context, args) {
    const { deps } = context;
    const scope = args.rotation ? null : await scopeOfChannel(deps.store.read, context.channelId);
    const overview = await shiftsOverview(deps, { rotation: args.rotation, scope });
    const viewer = await deps.users.get(context.userId);
    if (!overview.rotations.length)
      return { text: `:information_source: ${overview.hint ?? "No rotations."}` };
    const view = shiftsView(overview.rotations, viewer.tz || "UTC");
    const blocks: Block[] = overview.hint
      ? [section(`:information_source: ${overview.hint}`), ...view.blocks]
      : view.blocks;
    return { text: view.text, blocks: blocks.slice(0, 50) };
  },
});

function problemList(title: string, problems: readonly string[]): Block[] {
  const lines = problems.map((p) => `• \`${escapeMrkdwn(p).replace(/`/g, "'")}\``);
  return chunkLines(lines, title, 8).map((chunk) => section(chunk));
}

export const rotationsCommand = defineCommand({
  verb: rotationsVerb,
  async run(context, args) {
    const { deps } = context;
    const registry = deps.rotations;
    if (args.reload) {
      if (!(await isIncidentAdmin(deps, context.userId)))
        throw forbidden("Only incident admins (INCIDENT_ADMINS) can reload the rotations file.");
      const result = await registry.reload(deps.clock.now());
      if (!result.ok) {
        deps.logger.warn({ problems: result.problems }, "rotations reload refused: the file has problems");
        return {
          text: `:x: The rotations file has ${result.problems.length} problem(s); nothing changed — the ${result.rotations.length} rotations already loaded stay in use.`,
          blocks: [
            section(
              `:x: *The rotations file has ${result.problems.length} problem(s); nothing changed.* The ${result.rotations.length} rotations already loaded stay in use.`,
            ),
            ...problemList("*Problems*", result.problems),
          ],
        };
      }
      registry.generation = await bumpRotationsGeneration(deps);
      deps.logger.info({ rotations: result.rotations, by: context.userId }, "rotations reloaded");
      return {
        text: `:white_check_mark: Reloaded ${result.rotations.length} rotations.`,
        blocks: [
          section(
            `:white_check_mark: Reloaded ${result.rotations.length} rotation(s): ${result.rotations.map((n) => `\`${n}\``).join(", ")}. Every replica picks the new file up at its next scheduler tick.`,
          ),
          ...(result.warnings.length ? problemList("*Coverage warnings this week*", result.warnings) : []),
        ],
      };
    }
    const rotations = registry.list();
    const warnings = weekWarnings(rotations, deps.clock.now());
    if (!rotations.length) {
      return {
        text: registry.configured
          ? "The rotations file lists no rotations."
          : "No rotations are configured: set ROTATIONS_FILE (see README, Rotations and handoffs).",
      };
    }
    const lines = rotations.map((r) => {
      const contact = r.escalateTo.startsWith("S") ? mentionGroup(r.escalateTo) : mentionUser(r.escalateTo);
      return `• *\`${r.name}\`* — ${r.shifts.map((s) => `\`${escapeMrkdwn(describeShift(s))}\``).join(", ")}\n   ${describeTimings(r)} · escalates to ${contact}`;
    });
    return {
      text: `${rotations.length} rotations`,
      blocks: [
        header("Rotations"),
        ...chunkLines(lines, "", 4).map((chunk) => section(chunk)),
        ...(warnings.length ? problemList("*Coverage warnings this week*", warnings) : []),
        contextBlock([
          "`/incident rotation <name>` attaches one here · `/incident shifts` shows who is on · `/incident rotations reload` re-reads the file (admins)",
        ]),
      ],
    };
  },
});
