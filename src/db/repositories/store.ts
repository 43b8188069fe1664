// The use cases' way to the data: repositories that return domain values, read outside any
// transaction (`read`) or inside one (`transaction`). Built once by the composition root.
import { type Database, isUniqueViolation, type Tx, uniqueViolationFields } from "../client.ts";
import { claimedAmong, type JobClaim, runOnce } from "../job-runs.ts";

export { jobRunKey } from "../job-runs.ts";

import { type Intent, type LanesTouched, laneOf } from "../../outbox/intents.ts";
import { priorityOf, URGENT } from "../../outbox/priority.ts";
import { loadIncidentView } from "../queries/incident-view.ts";
import { type DraftIncident, type LoadOptions, loadPostmortemInput } from "../queries/postmortem-input.ts";
import { loadRoleHistory } from "../queries/role-history.ts";
import { loadWorkstreamsWithLeads } from "../queries/workstream-leads.ts";
import { transact } from "../transaction.ts";
import { transactionGroups } from "../transaction-groups.ts";
import { actionItemsRepository } from "./action-items.ts";
import { boardRepository } from "./board.ts";
import { countersRepository } from "./counters.ts";
import { handoffsRepository } from "./handoffs.ts";
import { incidentsRepository } from "./incidents.ts";
import { milestonesRepository } from "./milestones.ts";
import { type EnqueueContext, enqueueIntents, invitePending } from "./outbox.ts";
import { pagesRepository } from "./pages.ts";
import { pinsRepository } from "./pins.ts";
import { requestsRepository } from "./requests.ts";
import { rolesRepository } from "./roles.ts";
import { statusPageRepository } from "./status-page.ts";
import { type TimelineRepository, timelineRepository } from "./timeline.ts";
import { userNamesRepository } from "./user-names.ts";
import { workstreamsRepository } from "./workstreams.ts";

export interface Repositories {
  incidents: ReturnType<typeof incidentsRepository>;
  workstreams: ReturnType<typeof workstreamsRepository>;
  roles: ReturnType<typeof rolesRepository>;
  board: ReturnType<typeof boardRepository>;
  milestones: ReturnType<typeof milestonesRepository>;
  timeline: ReturnType<typeof timelineRepository>;
  pins: ReturnType<typeof pinsRepository>;
  handoffs: ReturnType<typeof handoffsRepository>;
  actionItems: ReturnType<typeof actionItemsRepository>;
  requests: ReturnType<typeof requestsRepository>;
  counters: ReturnType<typeof countersRepository>;
  /** Pages sent outside Slack (issue 14). */
  pages: ReturnType<typeof pagesRepository>;
  /** What the public status page may read (published, non-private incidents only). */
  statusPage: ReturnType<typeof statusPageRepository>;
  /** Read models shared with the renderers (src/db/queries). */
  views: {
    incident: (incidentId: number) => ReturnType<typeof loadIncidentView>;
    /** A page of the timeline as the timeline view reads it. */
    timelinePage: TimelineRepository["slice"];
    /** Everyone who held a role in the incident, current and past, in the order they took it. */
    roleHistory: (incidentId: number) => ReturnType<typeof loadRoleHistory>;
    /** The incident's workstreams in the order they were added, each with its current lead. */
    workstreamsWithLeads: (incidentId: number) => ReturnType<typeof loadWorkstreamsWithLeads>;
    /** Everything a postmortem draft is built from (src/db/queries/postmortem-input.ts). */
    postmortemInput: (
      incident: DraftIncident,
      options: LoadOptions,
    ) => ReturnType<typeof loadPostmortemInput>;
  };
  /** People's names as Slack last gave them, for exports made without Slack. */
  userNames: ReturnType<typeof userNamesRepository>;
  /** Slack messages to send once the change they follow commits (in the same transaction). */
  outbox: {
    enqueue: (intents: Intent[], context: EnqueueContext) => Promise<void>;
    /**
     * The lanes work was recorded in through these repositories, and which got urgent work:
     * after the commit the outbox starts those at once (src/outbox/worker.ts kick).
     */
    lanesTouched: () => LanesTouched;
    /** An invite of this person into the incident's channel is queued and not delivered yet. */
    invitePending: (incidentId: number, userId: string) => Promise<boolean>;
  };
}

export interface Store {
  /** Reads outside a transaction (each its own statement). */
  read: Repositories;
  /**
   * Runs `work` in one transaction; everything it writes commits together or not at all. With
   * a `group` (such as the incident it locks), changes that arrive for the same group while one
   * runs share the next transaction, one after another (src/db/transaction-groups.ts).
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs `work` in one transaction at most once per claim (see src/db/job-runs.ts). */
  runOnce<T>(claim: JobClaim, work: (repos: Repositories) => Promise<T>): Promise<T | undefined>;
  /** Which of these job-run keys were already claimed (to skip them without a transaction). */
  claimedJobRuns(keys: string[]): Promise<Set<string>>;
}

export interface TransactionOptions {
  /** Changes with the same group would queue on the same lock: they may share a transaction. */
  group?: string;
}

export function repositoriesOver(db: Tx, database: Database): Repositories {
  const timeline = timelineRepository(db, database.provider);
  const lanes = new Set<string>();
  const urgent = new Set<string>();
  return {
    incidents: incidentsRepository(db, database.provider),
    workstreams: workstreamsRepository(db, database.provider),
    roles: rolesRepository(db, database.provider),
    board: boardRepository(db),
    milestones: milestonesRepository(db),
    timeline,
    pins: pinsRepository(db),
    handoffs: handoffsRepository(db),
    actionItems: actionItemsRepository(db),
    requests: requestsRepository(db),
    counters: countersRepository(db),
    pages: pagesRepository(db),
    statusPage: statusPageRepository(db, database.provider),
    views: {
      incident: (incidentId) => loadIncidentView(db, incidentId, database.provider),
      timelinePage: (filter, offset, take) => timeline.slice(filter, offset, take),
      roleHistory: (incidentId) => loadRoleHistory(db, incidentId),
      workstreamsWithLeads: (incidentId) => loadWorkstreamsWithLeads(db, incidentId),
      postmortemInput: (incident, options) => loadPostmortemInput(db, incident, options, database.provider),
    },
    userNames: userNamesRepository(db, database.provider),
    outbox: {
      enqueue: async (intents, context) => {
        await enqueueIntents(db, intents, context, database.provider);
        for (const intent of intents) {
          const lane = laneOf(intent, context.announceChannel);
          lanes.add(lane);
          if (priorityOf(intent) === URGENT) urgent.add(lane);
        }
      },
      lanesTouched: () => ({ lanes: [...lanes], urgent: [...urgent] }),
      invitePending: (incidentId, userId) => invitePending(db, incidentId, userId),
    },
  };
}

export function createStore(database: Database): Store {
  const transaction = <T>(work: (repos: Repositories) => Promise<T>) =>
    transact(database, (tx) => work(repositoriesOver(tx, database)));
  const grouped = transactionGroups<Repositories>(transaction, {
    gatherFirst: database.provider === "sqlite",
  });
  return {
    read: repositoriesOver(database.db, database),
    transaction: (work, options) => (options?.group ? grouped(options.group, work) : transaction(work)),
    runOnce: (claim, work) => runOnce(database, claim, (tx) => work(repositoriesOver(tx, database))),
    claimedJobRuns: (keys) => claimedAmong(database, keys),
  };
}

/**
 * True when `error` is a unique-constraint violation (on `field`, when given): another request
 * or replica got there first. Callers retry or answer from what the first one stored.
 */
export function isConflict(error: unknown, field?: string): boolean {
  return isUniqueViolation(error) && (!field || uniqueViolationFields(error).includes(field));
}
