// Deliveries to Atlassian Statuspage: a published incident's public updates and status as one
// Statuspage incident, and its board as component statuses. Creating an incident is not
// idempotent there, so its id is stored at once, and an attempt that may have reached
// Statuspage before the process stopped first looks for what it did (an unresolved incident
// of that name ending in this text; an update already carrying it). A refusal (4xx) is said
// in the incident's channel and not retried. Only published, non-private incidents, only
// public updates, and text as the public page shows it (no names), without Slack's formatting
// marks (plain-text.ts).
import {
  boardServicesOf,
  loadStatuspageSource,
  publicBoardRows,
  publicUpdateText,
  type StatuspageSource,
  storeStatuspageIncidentId,
} from "../../db/repositories/statuspage.ts";
import type { Deps } from "../../deps.ts";
import { withoutFormatting } from "../../domain/status-page/plain-text.ts";
import { publicText } from "../../domain/status-page/public-text.ts";
import { componentStatuses, statuspageIncidentStatus } from "../../domain/status-page/statuspage-mapping.ts";
import { statuspageRefused } from "../../slack/views/statuspage-refused.ts";
import {
  createComponent,
  createIncident,
  getIncident,
  listComponents,
  type StatuspageComponent,
  type StatuspageIncident,
  unresolvedIncidents,
  updateComponent,
  updateIncident,
} from "../../statuspage/api.ts";
import { StatuspageHealth } from "../../statuspage/health.ts";
import type { StatuspageHttp } from "../../statuspage/http-call.ts";
import { StatuspageCallError } from "../../statuspage/statuspage-error.ts";
import type { DeliveryAttempt } from "../delivery.ts";
import type { IntentOf } from "../intents.ts";
import { channelOfScope } from "./channels.ts";

/** For deps assembled without one (tests of other features): health is then not reported. */
const unreported = new StatuspageHealth();

function httpOf(deps: Deps): StatuspageHttp | null {
  const settings = deps.config.statuspage;
  if (!settings) return null;
  return { settings, health: deps.statuspageHealth ?? unreported, now: () => deps.clock.now() };
}

/** The incident if it may be shown to the public at all. */
async function publicSource(deps: Deps, incidentId: number): Promise<StatuspageSource | null> {
  const source = await loadStatuspageSource(deps.database.db, incidentId);
  return source?.published && !source.isPrivate ? source : null;
}

/** Typed text as Statuspage shows it: no names, no formatting marks. */
const statuspageText = (typed: string) => withoutFormatting(publicText(typed));

const latestBody = (incident: StatuspageIncident) => incident.incident_updates[0]?.body ?? null;

/** The component of a service: the configured id, else the component of the same name. */
function componentOf(http: StatuspageHttp, existing: StatuspageComponent[], service: string) {
  const mappedId = http.settings.components[service];
  return mappedId ? existing.find((c) => c.id === mappedId) : existing.find((c) => c.name === service);
}

/**
 * The components the incident affects (its board's services), shown on the incident there.
 * Only ones that exist: the components delivery, earlier in the same lane, creates them.
 */
async function affectedComponentIds(deps: Deps, http: StatuspageHttp, incidentId: number): Promise<string[]> {
  const services = await boardServicesOf(deps.database.db, incidentId);
  if (!services.length) return [];
  const existing = await listComponents(http);
  return services.flatMap((service) => {
    const component = componentOf(http, existing, service);
    return component ? [component.id] : [];
  });
}

/** Says a refusal in the incident's channel, then lets the outbox mark the row failed. */
async function reportingRefusals<T>(
  deps: Deps,
  incidentId: number,
  what: "incident" | "components",
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StatuspageCallError && error.failure.kind === "permanent") {
      const channel = await channelOfScope(deps.database.db, { incidentId }).catch(() => null);
      if (channel)
        await deps.gateway
          .postMessage({ channel, ...statuspageRefused(what, error.failure.error) })
          .catch(() => {});
    }
    throw error;
  }
}

export async function deliverStatuspageIncident(
  intent: IntentOf<"statuspage.incident">,
  attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  const http = httpOf(deps);
  if (!http) return { skipped: "Statuspage is not configured" };
  const source = await publicSource(deps, intent.incidentId);
  if (!source) return { skipped: "not a published public incident" };
  const { db } = deps.database;
  let body: string | undefined;
  if (intent.entryId !== null) {
    const text = await publicUpdateText(db, intent.incidentId, intent.entryId);
    if (text === null) return { skipped: "not a public update" };
    body = statuspageText(text);
  }
  const status = statuspageIncidentStatus(intent.status);
  const name = statuspageText(source.title);
  return reportingRefusals(deps, intent.incidentId, "incident", async () => {
    let id = source.statuspageIncidentId;
    if (!id) {
      // The first of: a public update, `/incident publish`, or a status change of an incident
      // published by command (made then, or before it was published). The last two create it
      // by its title and status alone, as the public page shows it.
      if (attempt.previouslyAttempted) {
        const earlier = (await unresolvedIncidents(http)).find(
          (i) => i.name === name && (latestBody(i) ?? "") === (body ?? ""),
        );
        if (earlier) {
          await storeStatuspageIncidentId(db, intent.incidentId, earlier.id);
          return { statuspageIncident: earlier.id, adopted: true };
        }
      }
      const component_ids = await affectedComponentIds(deps, http, intent.incidentId);
      const created = await createIncident(
        http,
        body === undefined ? { name, status, component_ids } : { name, status, body, component_ids },
      );
      id = created.id;
      await storeStatuspageIncidentId(db, intent.incidentId, id);
      return { statuspageIncident: id, created: true };
    }
    if (attempt.previouslyAttempted) {
      const current = await getIncident(http, id);
      if (
        current.name === name &&
        current.status === status &&
        (body === undefined || latestBody(current) === body)
      )
        return { statuspageIncident: id, alreadyThere: true };
    }
    // The name and affected components go every time: a renamed incident, or one whose board
    // gained a service, is brought up to date with its next change.
    const component_ids = await affectedComponentIds(deps, http, intent.incidentId);
    await updateIncident(
      http,
      id,
      body === undefined ? { name, status, component_ids } : { name, status, body, component_ids },
    );
    return { statuspageIncident: id, status };
  });
}

export async function deliverStatuspageComponents(
  intent: IntentOf<"statuspage.components">,
  _attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  const http = httpOf(deps);
  if (!http) return { skipped: "Statuspage is not configured" };
  // A private or unpublished incident's services are not named there, not even by a component.
  if (!(await publicSource(deps, intent.incidentId))) return { skipped: "not a published public incident" };
  const { db } = deps.database;
  const services = await boardServicesOf(db, intent.incidentId);
  if (!services.length) return { skipped: "no services on the board" };
  const wanted = componentStatuses(services, await publicBoardRows(db, services));
  return reportingRefusals(deps, intent.incidentId, "components", async () => {
    const existing = await listComponents(http);
    const changed: Record<string, string> = {};
    for (const [service, status] of wanted) {
      const mappedId = http.settings.components[service];
      const component = componentOf(http, existing, service);
      if (!component && mappedId) {
        // A configured id: trusted even when the listing does not show it (a later page of it).
        await updateComponent(http, mappedId, status);
        changed[service] = status;
      } else if (!component) {
        await createComponent(http, { name: service, status });
        changed[service] = status;
      } else if (component.status !== status) {
        await updateComponent(http, component.id, status);
        changed[service] = status;
      }
    }
    return { components: changed };
  });
}
