// Every resolution of an incident stays in its milestones: reopening renames the `resolved`
// milestone to `resolved-<n>` (its ordinal), so `resolved` is always the latest resolution
// (the incident's end) and the first one is still there for "time to resolve".

const EARLIER = /^resolved-(\d+)$/;

/** `resolved-2`: the second resolution, kept when the incident was reopened after it. */
export const earlierResolutionName = (ordinal: number): string => `resolved-${ordinal}`;

/** The ordinal of an earlier resolution's milestone name, or null for any other name. */
export function earlierResolutionOrdinal(name: string): number | null {
  const match = EARLIER.exec(name);
  return match ? Number(match[1]) : null;
}

/** The resolutions among an incident's milestones, in the order they happened. */
export function resolutions<M extends { name: string; occurredAt: Date }>(milestones: M[]): M[] {
  const earlier = milestones
    .filter((m) => earlierResolutionOrdinal(m.name) !== null)
    .sort((a, b) => (earlierResolutionOrdinal(a.name) ?? 0) - (earlierResolutionOrdinal(b.name) ?? 0));
  const latest = milestones.find((m) => m.name === "resolved");
  return latest ? [...earlier, latest] : earlier;
}
