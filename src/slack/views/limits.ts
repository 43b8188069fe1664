// Slack's Block Kit and messaging limits, in one place (see test/fixtures/slack/SLACK-FACTS.md).
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionField: 2000,
  sectionFields: 10,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 75,
  options: 100,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputMaxLength: 3000,
  /** Slack truncates message text past 40,000; we keep well under. */
  messageText: 4000,
  channelName: 80,
  topic: 250,
  /** Undocumented msg_blocks_too_long seen near 13k characters of blocks JSON. */
  messageBlocksJson: 12_000,
} as const;
