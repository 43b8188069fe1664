// Every Slack callback_id, action_id and block_id the bot uses. Block Kit builders and
// listeners import them from here, so a renamed ID cannot leave a button without a handler.

export const ACTIONS = {
  joinIncident: "incident.join",
  declareFromHome: "incident.declare_from_home",
  postUpdate: "reminder.post_update",
  snoozeReminder: "reminder.snooze",
  writeHandoff: "handoff.write",
  acceptHandoff: "handoff.accept",
  openChannel: "incident.open_channel",
  timelineEarlier: "timeline.earlier",
  timelineLater: "timeline.later",
  /** Shows the incident's action items with buttons (value: the incident id). */
  listActionItems: "action_items.list",
  /** value: "<incident id>:<action item id>" */
  actionItemDone: "action_items.done",
  actionItemEdit: "action_items.edit",
  /** Opens the title & summary form (value: the incident id). */
  editDetails: "incident.edit_details",
  /** Opens the *Page someone* form; the button's value is the incident's id. */
  pageSomeone: "incident.page_someone",
} as const;

/** callback_ids of the shortcuts declared in manifest.yml (global and message shortcuts). */
export const SHORTCUTS = {
  declare: "incident.declare_shortcut",
  declareFromMessage: "incident.declare_from_message",
  addToTimeline: "timeline.add_message",
} as const;

export const VIEWS = {
  declare: "incident.declare",
  postUpdate: "incident.post_update",
  handoffBrief: "handoff.brief",
  close: "incident.close",
  addToTimeline: "timeline.add_message_to",
  editActionItem: "action_items.edit_form",
  editDetails: "incident.edit_details_form",
  page: "incident.page",
} as const;

/** block_id / action_id pairs of modal inputs: view_submission state is keyed by them. */
export const INPUTS = {
  title: { block: "title", action: "value" },
  severity: { block: "severity", action: "value" },
  summary: { block: "summary", action: "value" },
  regions: { block: "regions", action: "value" },
  services: { block: "services", action: "value" },
  commander: { block: "commander", action: "value" },
  private: { block: "private", action: "value" },
  updateText: { block: "update_text", action: "value" },
  rootCause: { block: "root_cause", action: "value" },
  customerImpact: { block: "customer_impact", action: "value" },
  lessons: { block: "lessons", action: "value" },
  captureIncident: { block: "capture_incident", action: "value" },
  actionText: { block: "action_text", action: "value" },
  actionOwner: { block: "action_owner", action: "value" },
  rotation: { block: "rotation", action: "value" },
} as const;

/** Fields of the handoff brief modal (view_submission state is keyed by them). */
export const HANDOFF_INPUTS = {
  currentState: { block: "handoff_current_state", action: "value" },
  triedOrRuledOut: { block: "handoff_tried", action: "value" },
  openActions: { block: "handoff_actions", action: "value" },
  risks: { block: "handoff_risks", action: "value" },
  nextCheckpoint: { block: "handoff_checkpoint", action: "value" },
} as const;

/** Fields of the *Page someone* form. */
export const PAGE_INPUTS = {
  person: { block: "page_person", action: "value" },
  team: { block: "page_team", action: "value" },
  reason: { block: "page_reason", action: "value" },
} as const;

/**
 * The controls on an incident's (or workstream's) pinned summary and in the `/incident` menu.
 * Each button's value says what it acts on (controlTarget in views/controls.ts).
 */
export const CONTROL_ACTIONS = {
  postUpdate: "control.post_update",
  severity: "control.severity",
  status: "control.status",
  roles: "control.roles",
  recoveryBoard: "control.recovery_board",
  handOver: "control.hand_over",
  actionItem: "control.action_item",
  /** The overflow menu with the less common forms (note, milestone). */
  more: "control.more",
  /** ⭐ on a posted status update: mark it as key for the postmortem's chronology. */
  markKey: "update.mark_key",
  /** Outside an incident, the `/incident` menu's Declare and list. */
  declare: "menu.declare",
  list: "menu.list",
} as const;

/** The forms the controls open (the post-update form is VIEWS.postUpdate). */
export const CONTROL_VIEWS = {
  severity: "control.severity_form",
  status: "control.status_form",
  roles: "control.roles_form",
  service: "control.service_form",
  handOver: "control.hand_over_form",
  actionItem: "control.action_item_form",
  note: "control.note_form",
  milestone: "control.milestone_form",
} as const;

/** Inputs of the control forms (block_id / action_id pairs, like INPUTS). */
export const CONTROL_INPUTS = {
  /** "When did this happen?": its block id is the one time errors name (domain AT_FIELD). */
  when: { block: "when", action: "value" },
  severity: { block: "control_severity", action: "value" },
  reason: { block: "control_reason", action: "value" },
  status: { block: "control_status", action: "value" },
  message: { block: "control_message", action: "value" },
  role: { block: "control_role", action: "value" },
  person: { block: "control_person", action: "value" },
  service: { block: "control_service", action: "value" },
  region: { block: "control_region", action: "value" },
  phase: { block: "control_phase", action: "value" },
  state: { block: "control_state", action: "value" },
  note: { block: "control_note", action: "value" },
  milestone: { block: "control_milestone", action: "value" },
  key: { block: "control_key", action: "value" },
} as const;
