// How often stakeholders expect a status update at each severity: what update reminders
// enforce (REMINDER_CADENCE) and what the postmortem checks the incident against.

/** Milliseconds between status updates per severity; null: no cadence at that severity. */
export type UpdateCadence = Readonly<Record<1 | 2 | 3 | 4, number | null>>;

/** REMINDER_CADENCE's default: SEV1 every 30 minutes, SEV2 hourly, SEV3 every 4 hours, SEV4 none. */
export const DEFAULT_UPDATE_CADENCE: UpdateCadence = {
  1: 30 * 60_000,
  2: 60 * 60_000,
  3: 4 * 3_600_000,
  4: null,
};
