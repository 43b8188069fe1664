// The Statuspage REST calls the bot makes (developer.statuspage.io): incidents created and
// updated, components listed, created and updated. Answers are narrowed with zod to the fields
// used; anything else Statuspage returns is ignored.
import { z } from "zod";
import type {
  StatuspageComponentStatus,
  StatuspageIncidentStatus,
} from "../domain/status-page/statuspage-mapping.ts";
import { callStatuspage, type StatuspageHttp } from "./http-call.ts";

const incidentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  incident_updates: z
    .array(z.object({ body: z.string().nullable().optional(), status: z.string() }))
    .default([]),
});
const componentSchema = z.object({ id: z.string(), name: z.string(), status: z.string() });

export type StatuspageIncident = z.output<typeof incidentSchema>;
export type StatuspageComponent = z.output<typeof componentSchema>;

export async function createIncident(
  http: StatuspageHttp,
  incident: { name: string; status: StatuspageIncidentStatus; body?: string; component_ids: string[] },
): Promise<StatuspageIncident> {
  const answer = await callStatuspage(http, "create incident", "POST", "/incidents", { incident });
  return incidentSchema.parse(answer);
}

export async function updateIncident(
  http: StatuspageHttp,
  id: string,
  incident: { name: string; status: StatuspageIncidentStatus; body?: string; component_ids: string[] },
): Promise<StatuspageIncident> {
  const answer = await callStatuspage(
    http,
    "update incident",
    "PATCH",
    `/incidents/${encodeURIComponent(id)}`,
    { incident },
  );
  return incidentSchema.parse(answer);
}

export async function getIncident(http: StatuspageHttp, id: string): Promise<StatuspageIncident> {
  return incidentSchema.parse(
    await callStatuspage(http, "get incident", "GET", `/incidents/${encodeURIComponent(id)}`),
  );
}

/** Incidents not resolved yet, newest first, each with its updates (newest first). */
export async function unresolvedIncidents(http: StatuspageHttp): Promise<StatuspageIncident[]> {
  const answer = await callStatuspage(http, "list unresolved incidents", "GET", "/incidents/unresolved");
  return z.array(incidentSchema).parse(answer);
}

const COMPONENTS_PER_PAGE = 100;
/** Enough for any real page; a bound so a misbehaving answer cannot loop forever. */
const MAX_COMPONENT_PAGES = 50;

/** Every component of the page (all pages of the listing: a missed one would be created twice). */
export async function listComponents(http: StatuspageHttp): Promise<StatuspageComponent[]> {
  const components: StatuspageComponent[] = [];
  for (let page = 1; page <= MAX_COMPONENT_PAGES; page++) {
    const answer = await callStatuspage(
      http,
      "list components",
      "GET",
      `/components?page=${page}&per_page=${COMPONENTS_PER_PAGE}`,
    );
    const batch = z.array(componentSchema).parse(answer);
    components.push(...batch);
    if (batch.length < COMPONENTS_PER_PAGE) break;
  }
  return components;
}

export async function createComponent(
  http: StatuspageHttp,
  component: { name: string; status: StatuspageComponentStatus },
): Promise<StatuspageComponent> {
  const answer = await callStatuspage(http, "create component", "POST", "/components", { component });
  return componentSchema.parse(answer);
}

export async function updateComponent(
  http: StatuspageHttp,
  id: string,
  status: StatuspageComponentStatus,
): Promise<StatuspageComponent> {
  const answer = await callStatuspage(
    http,
    "update component",
    "PATCH",
    `/components/${encodeURIComponent(id)}`,
    { component: { status } },
  );
  return componentSchema.parse(answer);
}
