// Where to go after signing in: only a path on this site. "//evil.example", "/\evil.example",
// absolute URLs and anything with control characters would let a link to our sign-in page
// forward a freshly signed-in person to someone else's site (an open redirect).
const FALLBACK = "/incidents";

export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2048) return FALLBACK;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return FALLBACK;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return FALLBACK;
  // Resolved against a placeholder origin, the path must stay on it.
  const resolved = new URL(next, "http://same.invalid");
  if (resolved.origin !== "http://same.invalid") return FALLBACK;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
