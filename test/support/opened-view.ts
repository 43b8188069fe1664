// The modal an action opens. A title-less declare (and other forms) acknowledge first and open
// the form just after, never waiting on Slack, so the view may appear a moment after the answer.
import { eventually } from "./eventually.ts";
import type { SlackEmulator, ViewRecord } from "./slack-emulator/index.ts";

export async function viewOpenedBy(
  emulator: SlackEmulator,
  action: () => Promise<unknown>,
): Promise<ViewRecord> {
  const before = emulator.views.length;
  await action();
  return eventually(() => {
    const view = emulator.views[before];
    if (!view) throw new Error("no form opened yet");
    return view;
  });
}
