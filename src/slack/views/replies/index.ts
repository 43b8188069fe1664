// The one switch from a use case's result to the words its requester sees. The compiler checks
// that every kind of result has a rendering.
import type { ServiceResult } from "../../../services/results.ts";
import {
  briefPostedReply,
  briefUnchangedReply,
  handoffAcceptedReply,
  handoffStartedReply,
  rotationAttachedReply,
  rotationPreviewReply,
} from "./handoff-replies.ts";
import {
  incidentReopenedReply,
  joiningIncidentReply,
  milestoneRecordedReply,
  peopleInvitedReply,
  roleAssignedReply,
  serviceStatusSetReply,
  severityChangedReply,
  statusChangedReply,
  workstreamAddedReply,
  workstreamStatusChangedReply,
} from "./incident-replies.ts";
import { pageSentReply } from "./page-replies.ts";
import { actionItemAddedReply, incidentClosedReply, postmortemRequestedReply } from "./postmortem-replies.ts";
import type { Reply } from "./reply.ts";
import {
  incidentPublishedReply,
  noteAddedReply,
  remindersSnoozedReply,
  updateMarkedKeyReply,
  updatePostedReply,
} from "./timeline-replies.ts";

export function renderResult(result: ServiceResult): Reply {
  switch (result.kind) {
    case "severity_changed":
      return severityChangedReply(result);
    case "status_changed":
      return statusChangedReply(result);
    case "workstream_status_changed":
      return workstreamStatusChangedReply(result);
    case "incident_reopened":
      return incidentReopenedReply(result);
    case "role_assigned":
      return roleAssignedReply(result);
    case "people_invited":
      return peopleInvitedReply(result);
    case "joining_incident":
      return joiningIncidentReply(result);
    case "workstream_added":
      return workstreamAddedReply(result);
    case "milestone_recorded":
      return milestoneRecordedReply(result);
    case "service_status_set":
      return serviceStatusSetReply(result);
    case "reminders_snoozed":
      return remindersSnoozedReply(result);
    case "update_posted":
      return updatePostedReply(result);
    case "update_marked_key":
      return updateMarkedKeyReply(result);
    case "incident_published":
      return incidentPublishedReply(result);
    case "note_added":
      return noteAddedReply(result);
    case "action_item_added":
      return actionItemAddedReply(result);
    case "incident_closed":
      return incidentClosedReply(result);
    case "postmortem_requested":
      return postmortemRequestedReply(result);
    case "handoff_started":
      return handoffStartedReply(result);
    case "brief_posted":
      return briefPostedReply(result);
    case "brief_unchanged":
      return briefUnchangedReply(result);
    case "handoff_accepted":
      return handoffAcceptedReply(result);
    case "rotation_attached":
      return rotationAttachedReply(result);
    case "rotation_preview":
      return rotationPreviewReply(result);
    case "page_sent":
      return pageSentReply(result);
  }
  // Unreachable for the types, but a request answered before results were typed (a retry
  // arriving across an upgrade) has its words stored instead: show them.
  return { text: storedWords(result) };
}

function storedWords(stored: unknown): string {
  const text = typeof stored === "object" && stored !== null && "text" in stored ? stored.text : null;
  return typeof text === "string" ? text : ":white_check_mark: Done.";
}
