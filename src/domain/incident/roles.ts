// Incident roles. Commander always exists; the others are optional. Workstreams have a lead.
import { badInput } from "../errors.ts";

export const INCIDENT_ROLES = ["commander", "comms", "scribe", "ops"] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];
export type Role = IncidentRole | "lead";

export const ROLE_TITLES: Record<Role, string> = {
  commander: "Incident commander",
  comms: "Communications lead",
  scribe: "Scribe",
  ops: "Operations lead",
  lead: "Workstream lead",
};

const ALIASES: Record<string, IncidentRole> = {
  ic: "commander",
  lead: "commander",
  communications: "comms",
  operations: "ops",
};

export function parseIncidentRole(text: string): IncidentRole {
  const value = text.trim().toLowerCase();
  const role = (INCIDENT_ROLES as readonly string[]).includes(value)
    ? (value as IncidentRole)
    : ALIASES[value];
  if (!role) throw badInput(`Role must be one of: ${INCIDENT_ROLES.join(", ")}.`);
  return role;
}
