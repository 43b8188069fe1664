// A follow-up action recorded during or after the incident, for the postmortem.

export interface ActionItem {
  id: number;
  incidentId: number;
  text: string;
  ownerId: string | null;
  createdById: string;
  createdAt: Date;
  status: "open" | "done";
  doneAt: Date | null;
}
