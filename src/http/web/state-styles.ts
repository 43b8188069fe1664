// The coloured state pills of the recovery board (outage, degraded, recovering, recovered), one
// definition for the public status page and the internal incident page, so a state reads the same
// on both. Colours keep a contrast of at least 4.5:1 with their background (axe checks both pages).
export const STATE_PILL_CSS = `  .state { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .9rem; font-weight: 600; border: 1px solid; }
  .state-outage { background: #fdecea; color: #8b1a10; border-color: #8b1a10; }
  .state-degraded { background: #fff4e5; color: #6b3a00; border-color: #6b3a00; }
  .state-recovering { background: #e8f0fe; color: #0b3d91; border-color: #0b3d91; }
  .state-recovered, .state-operational { background: #e8f5e9; color: #1b5e20; border-color: #1b5e20; }
  .state-none { color: #4a4a4a; border-color: transparent; }`;
