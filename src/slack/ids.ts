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
