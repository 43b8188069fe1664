// The chronology's moments that come from the recovery board: the first recovery in each
// region, live data back everywhere, each region's backfill complete, and every regression.
import { truncate } from "../../text/truncate.ts";
import type { RichText } from "../document.ts";
import { type Facts, iso } from "../facts.ts";
import type { BoardChange, BoardHistory } from "./board-history.ts";
import type { ChronologyInput } from "./chronology-row.ts";

const NOTE_MAX = 280;

function serviceWords(facts: Facts, change: BoardChange, withRegion: boolean): RichText {
  return [
    { code: change.service },
    ...(withRegion && change.region ? [facts.t.build.inRegion, { code: change.region }] : []),
    change.phase === "backfill" ? facts.t.build.backfillPhase : "",
  ];
}

const withNote = (details: RichText, note: string): RichText =>
  note ? [...details, " — ", { typed: truncate(note, NOTE_MAX) }] : details;

function row(
  facts: Facts,
  change: BoardChange,
  kind: string,
  moment: string,
  details: RichText,
): ChronologyInput {
  return {
    at: iso(change.entry.occurredAt),
    kind,
    moment,
    details: details.filter((part) => part !== ""),
    actor: facts.personOrNull(change.entry.actorId),
    rankKey: kind,
    seq: change.entry.id,
  };
}

export function boardMoments(facts: Facts, board: BoardHistory): ChronologyInput[] {
  const rows: ChronologyInput[] = [];
  const w = facts.t.build;
  for (const [region, change] of board.firstRecovery) {
    rows.push(
      row(facts, change, "recovery", w.firstRecovery(region || null), [
        ...serviceWords(facts, change, false),
        ": ",
        { strong: facts.t.word(change.to) },
      ]),
    );
  }
  const live = board.liveBackEverywhere;
  if (live)
    rows.push(row(facts, live, "recovery", w.liveBack, [w.theLastWas, ...serviceWords(facts, live, true)]));
  for (const [region, change] of board.backfillComplete) {
    rows.push(
      row(facts, change, "recovery", w.backfillComplete(region || null), [
        w.theLastWas,
        ...serviceWords(facts, change, false),
      ]),
    );
  }
  for (const { change } of board.regressions) {
    rows.push(
      row(
        facts,
        change,
        "regression",
        w.regression,
        withNote(
          [
            ...serviceWords(facts, change, true),
            w.recoveredThen[0],
            { strong: facts.t.word(change.to) },
            w.recoveredThen[1],
          ],
          change.note,
        ),
      ),
    );
  }
  return rows;
}
