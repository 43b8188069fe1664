// Every event kind and its handler. The mapped type makes a missing handler a type error.
import type { EventHandlers } from "../types.ts";
import { actionDone, actionEdited, actionReassigned } from "./action-items.ts";
import { incidentDeclared } from "./declared.ts";
import { summaryChanged, titleChanged } from "./details.ts";
import { HANDOFF_EVENT_HANDLERS } from "./handoffs.ts";
import { milestoneRecorded } from "./milestones.ts";
import { PAGE_EVENT_HANDLERS } from "./pages.ts";
import { actionAdded, incidentClosed } from "./postmortem.ts";
import { reminderSent, reminderSnoozed } from "./reminders.ts";
import { peopleInvited, roleAssigned } from "./roles.ts";
import { rotationDetached } from "./rotation-detached.ts";
import { serviceStatusChanged } from "./services.ts";
import { severityChanged } from "./severity.ts";
import { incidentReopened, statusChanged } from "./status.ts";
import { incidentPublished, messagePinned, messageUnpinned, noteAdded, updatePosted } from "./timeline.ts";
import { updateMarkedKey } from "./update-marked-key.ts";
import { workstreamAdded, workstreamStatusChanged } from "./workstreams.ts";

export const EVENT_HANDLERS: EventHandlers = {
  incident_declared: incidentDeclared,
  severity_changed: severityChanged,
  status_changed: statusChanged,
  incident_reopened: incidentReopened,
  title_changed: titleChanged,
  summary_changed: summaryChanged,
  role_assigned: roleAssigned,
  people_invited: peopleInvited,
  workstream_added: workstreamAdded,
  workstream_status_changed: workstreamStatusChanged,
  service_status_changed: serviceStatusChanged,
  milestone_recorded: milestoneRecorded,
  update_posted: updatePosted,
  update_marked_key: updateMarkedKey,
  incident_published: incidentPublished,
  note_added: noteAdded,
  message_pinned: messagePinned,
  message_unpinned: messageUnpinned,
  reminder_sent: reminderSent,
  reminder_snoozed: reminderSnoozed,
  ...HANDOFF_EVENT_HANDLERS,
  rotation_detached: rotationDetached,
  ...PAGE_EVENT_HANDLERS,
  action_added: actionAdded,
  action_done: actionDone,
  action_reassigned: actionReassigned,
  action_edited: actionEdited,
  incident_closed: incidentClosed,
};
