import { declareVerb } from "../../../domain/command/verbs/declare.ts";
import { badInput } from "../../../domain/errors.ts";
import { declareIncident } from "../../../services/declare-incident.ts";
import { requireRotation } from "../../../services/rotations/attach-rotation.ts";
import { humanizeSlackText } from "../../../services/timeline/humanize.ts";
import { sealForm } from "../../form-seal.ts";
import { declareModal } from "../../views/declare-modal.ts";
import { declaredReply } from "../../views/replies/incident-replies.ts";
import { defineCommand } from "./command.ts";

export const declareCommand = defineCommand({
  verb: declareVerb,
  async run(context, args) {
    const { deps } = context;
    if (!args.title && args.rotation) {
      throw badInput(
        "Give a title to declare with `--rotation`, or declare from the form and then type `/incident rotation <name>` in the incident's channel.",
      );
    }
    if (!args.title) {
      // The trigger expires three seconds after the command: open the form before anything slow.
      await deps.gateway.openView(
        context.triggerId,
        sealForm(
          deps.config,
          declareModal(
            context.userId,
            { responseUrl: context.responseUrl },
            { rotations: deps.rotations.names() },
          ),
          context.userId,
        ),
      );
      return null;
    }
    // An unknown rotation is refused before anything is declared.
    const rotation = args.rotation ? requireRotation(deps, args.rotation) : undefined;
    const declared = await declareIncident(deps, {
      // Plain words, like updates: a typed mention in the title is stored as "@alex".
      title: await humanizeSlackText(deps, args.title),
      summary: "",
      severity: args.severity,
      regions: args.regions,
      services: args.services,
      commanderId: context.userId,
      isPrivate: args.isPrivate,
      invitees: [],
      actorId: context.userId,
      requestKey: context.requestKey,
      responseUrl: context.responseUrl,
      rotation,
    });
    return declaredReply({ ...declared, severity: args.severity, rotation: rotation?.name ?? null });
  },
});
