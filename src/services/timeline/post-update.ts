// A status update for stakeholders: recorded in the timeline (moving the reminder clock),
// posted in the incident or workstream channel, mirrored under the announcement unless the
// incident is private, and counted.
import type { ServiceDeps } from "../../deps.ts";
import { badInput } from "../../domain/errors.ts";
import { assertIncidentOpen } from "../../domain/incident/assert-open.ts";
import { recordEvent } from "../../events/record-event.ts";
import { assertMaySpeakPublicly, isIncidentAdmin } from "../permissions.ts";
import type { UpdatePosted } from "../results.ts";
import { assertMayPublish, publishInChange } from "../status-page/publish-incident.ts";
import { effectContext, lockedIncident, metaFor, runChangeOrReplay } from "../support.ts";
import { entryTime } from "./entry-time.ts";
import { nameMentionsLater } from "./late-names.ts";

export interface PostUpdateInput {
  incidentId: number;
  /** Set when typed in a workstream channel: posted there and tagged with it. */
  workstreamId: number | null;
  /** Plain text as the person meant it (Slack markup already turned into words). */
  text: string;
  /** `--at`: when the update was actually given, if earlier than now. */
  at: Date | null;
  /** `--key`: a key moment for the postmortem's chronology. */
  key?: boolean;
  /** `--public`: also shown on the public status page (publishes the incident if need be). */
  public?: boolean;
  /** People `text` names by bare ID because Slack did not name them in time (humanizeNoting). */
  unnamedMentions?: string[];
  actorId: string;
  requestKey: string;
}

export async function postUpdate(deps: ServiceDeps, input: PostUpdateInput): Promise<UpdatePosted> {
  const text = input.text.trim();
  if (!text) throw badInput("The update is empty: write what stakeholders should know.");
  // Set when this call recorded the entry (not on a retry answered from the first time).
  let entryId: number | null = null;
  // Admin user groups are read from Slack, so before the transaction (and only when it matters).
  const isAdmin = input.public ? await isIncidentAdmin(deps, input.actorId) : false;
  const { value: posted, replayed } = await runChangeOrReplay(
    deps,
    input.requestKey,
    async (repos): Promise<UpdatePosted> => {
      const locked = await lockedIncident(repos, input.incidentId);
      assertIncidentOpen(locked, "Stakeholders were told; add a `/incident note` instead.");
      if (input.public) {
        assertMayPublish(locked, "a public update");
        await assertMaySpeakPublicly(repos, locked, { id: input.actorId, isAdmin }, "post a public update");
      }
      // The first public update publishes the incident (recorded before the update it carries).
      const publishedNow = Boolean(input.public && !locked.publishedAt);
      const incident = input.public
        ? await publishInChange(deps, repos, locked, input.actorId, "public_update")
        : locked;
      const workstream = input.workstreamId ? await repos.workstreams.byId(input.workstreamId) : null;
      const occurredAt = await entryTime(deps, repos, incident, input.at);
      const broadcast = !incident.isPrivate && Boolean(deps.config.incidents.announceChannel);
      const recorded = await recordEvent(
        repos,
        incident,
        {
          kind: "update_posted",
          text,
          broadcast,
          ...(input.key ? { key: true } : {}),
          ...(input.public ? { public: true } : {}),
        },
        metaFor(deps, input.actorId, {
          occurredAt,
          text,
          workstreamId: workstream?.id ?? null,
          workstream: workstream?.name ?? null,
        }),
        { context: effectContext(deps) },
      );
      entryId = recorded.entryId;
      return {
        kind: "update_posted",
        number: recorded.incident.updateCount,
        asOf: input.at ? occurredAt.toISOString() : null,
        workstream: workstream?.name ?? null,
        mirroredTo: broadcast ? (deps.config.incidents.announceChannel ?? null) : null,
        isPrivate: incident.isPrivate,
        ...(input.key ? { key: true } : {}),
        ...(input.public ? { public: { publishedNow } } : {}),
      };
    },
    { incidentId: input.incidentId },
  );
  if (entryId !== null && !replayed) nameMentionsLater(deps, entryId, input.unnamedMentions ?? []);
  return posted;
}
