// A named moment of an incident. A correction keeps the first value, who corrected it and when.

export interface Milestone {
  id: number;
  incidentId: number;
  name: string;
  occurredAt: Date;
  setById: string | null;
  note: string;
  originalAt: Date | null;
  correctedById: string | null;
  correctedAt: Date | null;
}
