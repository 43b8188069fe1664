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
  /** Opens the *Page someone* form; the button's value is the incident's id. */
  pageSomeone: "incident.page_someone",
} as const;

export const VIEWS = {
  declare: "incident.declare",
  postUpdate: "incident.post_update",
  handoffBrief: "handoff.brief",
  close: "incident.close",
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
