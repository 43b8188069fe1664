// Story-style end-to-end files: one running bot, each `it` a step of one incident, asserting on
// what the earlier steps left (INC-1's channel, the clock at 06:30, the snoozed reminder…).
// Starting a bot and replaying the story for every test would make the suite much slower,
// yet each test must pass alone (`npx vitest run file -t "<name>"`, see CONTRIBUTING "Tests").
//
// So each file lists, in test order, what each step does that later steps rely on — its
// actions, without its assertions — and every `it` begins with `await story.begin("<step>")`.
// In a whole-file run the earlier tests have done their own actions and `begin` does nothing;
// run alone, `begin` replays the earlier steps' actions first, so the test sees the same state.
// A step with nothing later tests need maps to `nothing`.

type Replay = () => Promise<unknown>;

export const nothing: Replay = async () => {};

export interface Story<Step extends string> {
  /** Brings the shared bot to where `step` starts (replaying earlier steps not yet run). */
  begin(step: Step): Promise<void>;
}

/** `replays` in the order of the file's tests; see the file comment. */
export function story<Step extends string>(replays: Record<Step, Replay>): Story<Step> {
  const steps = Object.keys(replays) as Step[];
  let reached = 0;
  return {
    async begin(step) {
      const index = steps.indexOf(step);
      if (index < 0) throw new Error(`no story step "${step}"`);
      if (index < reached) throw new Error(`story step "${step}" begun after a later one`);
      // The test itself does step `index`'s actions: mark it reached before it runs, so a
      // failure inside it does not make the next test replay it on top of a half-done state.
      const replaying = steps.slice(reached, index);
      reached = index + 1;
      for (const earlier of replaying) await replays[earlier]();
    },
  };
}
