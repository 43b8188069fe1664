// `/incident` with no text opens the action menu (an ephemeral message with buttons): inside
// an incident or workstream channel its controls, elsewhere Declare and the list. `help`
// stays one word away, and the menu says so.
import type { Deps } from "../../../deps.ts";
import { menuScope } from "../../../services/controls/menu.ts";
import { insideMenu, outsideMenu } from "../../views/controls.ts";
import type { CommandReply } from "./command.ts";

export async function incidentMenu(deps: Deps, channelId: string): Promise<CommandReply> {
  const scope = await menuScope(deps, channelId);
  if (!scope) return outsideMenu();
  return insideMenu(
    { incidentId: scope.incidentId, workstreamId: scope.workstreamId },
    { incidentNumber: scope.incidentNumber, title: scope.title, workstream: scope.workstream },
  );
}
