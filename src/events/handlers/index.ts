// Every event kind and its handler. The mapped type makes a missing handler a type error.
import type { EventHandlers } from "../types.ts";
import { incidentDeclared } from "./declared.ts";
import { HANDOFF_EVENT_HANDLERS } from "./handoffs.ts";
import { milestoneRecorded } from "./milestones.ts";
import { actionAdded, incidentClosed } from "./postmortem.ts";
import { reminderSent, reminderSnoozed } from "./reminders.ts";
import { peopleInvited, roleAssigned } from "./roles.ts";
import { serviceStatusChanged } from "./services.ts";
import { severityChanged } from "./severity.ts";
import { incidentReopened, statusChanged } from "./status.ts";
import { incidentPublished, messagePinned, noteAdded, updatePosted } from "./timeline.ts";
import { workstreamAdded, workstreamStatusChanged } from "./workstreams.ts";

export const EVENT_HANDLERS: EventHandlers = {
  incident_declared: incidentDeclared,
  severity_changed: severityChanged,
  status_changed: statusChanged,
  incident_reopened: incidentReopened,
  role_assigned: roleAssigned,
  people_invited: peopleInvited,
  workstream_added: workstreamAdded,
  workstream_status_changed: workstreamStatusChanged,
  service_status_changed: serviceStatusChanged,
  milestone_recorded: milestoneRecorded,
  update_posted: updatePosted,
  incident_published: incidentPublished,
  note_added: noteAdded,
  message_pinned: messagePinned,
  reminder_sent: reminderSent,
  reminder_snoozed: reminderSnoozed,
  ...HANDOFF_EVENT_HANDLERS,
  action_added: actionAdded,
  incident_closed: incidentClosed,
};
