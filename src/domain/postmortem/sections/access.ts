// The access record of a private incident in its draft (only members see a private incident's
// draft: it goes to its own channel alone). Public incidents have none: anyone could join.
import { accessRecord, describeAccess } from "../../timeline/access-record.ts";
import { toRich } from "../describe-entry.ts";
import type { AccessRow } from "../document.ts";
import { type Facts, iso } from "../facts.ts";

export function accessRows(facts: Facts): AccessRow[] | null {
  if (!facts.input.incident.isPrivate) return null;
  return accessRecord(facts.entries).map((line) => ({
    at: iso(line.at),
    actor: facts.personOrNull(line.actorId),
    what: toRich(
      describeAccess(line, (id) => facts.workstreamName(id), facts.t.access.words),
      facts,
    ),
  }));
}
