// The buttons on a handoff: "Write handoff" opens the brief form for the outgoing holder;
// "Accept command" lets the incoming holder take over. Both check the person who clicked.
import type { Deps } from "../../../deps.ts";
import { acceptHandoff } from "../../../services/handoffs/accept-handoff.ts";
import { briefForm } from "../../../services/handoffs/brief-handoff.ts";
import { sealForm } from "../../form-seal.ts";
import { handoffBriefModal } from "../../views/handoffs/handoff-brief-modal.ts";
import { renderResult } from "../../views/replies/index.ts";
import type { Reply } from "../../views/replies/reply.ts";
import type { ActionInput } from "./action.ts";

export async function writeHandoffClicked(deps: Deps, input: ActionInput): Promise<null> {
  const model = await briefForm(deps, Number(input.value), input.userId);
  await deps.gateway.openView(input.triggerId, sealForm(deps.config, handoffBriefModal(model), input.userId));
  return null;
}

export async function acceptHandoffClicked(deps: Deps, input: ActionInput): Promise<Reply> {
  return renderResult(await acceptHandoff(deps, { handoffId: Number(input.value), userId: input.userId }));
}
