// Channel names: `inc-<number>-<slug of title>`, lowercase, at most 80 characters, cut on a word
// boundary. The slug keeps the title's own letters in any script ("결제 API 장애" →
// `inc-7-결제-api-장애`) because workspaces in those languages name channels that way; Latin
// accents are dropped as before (é → e). A workspace that refuses other scripts gets the ASCII
// form (`asciiChannelName`), which is what every name was before. A title made only of emoji or
// punctuation still yields a valid name.
import { truncateSlug } from "../text/truncate.ts";

export const CHANNEL_NAME_MAX = 80;

function withoutLatinAccents(text: string): string {
  // NFD then NFC: Hangul syllables decompose into jamo and come back whole; only the combining
  // accents of Latin letters are removed in between.
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC");
}

/** Lowercase letters of any script, digits and `_`, words joined by `-`. */
export function slugify(text: string): string {
  return withoutLatinAccents(text.normalize("NFKC"))
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}_]+/gu, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
}

/** Only a-z, 0-9 and `_`: what every workspace accepts. */
export function asciiSlugify(text: string): string {
  return slugify(text)
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
}

/** True when a name uses letters beyond a-z (a workspace may refuse it). */
export function hasOtherScripts(name: string): boolean {
  return /[^a-z0-9_-]/.test(name);
}

/**
 * The a-z form of a channel name that a workspace refused: `inc-7-결제-api-장애` → `inc-7-api`.
 * Words in other scripts drop out; the number prefix always survives.
 */
export function asciiChannelName(name: string): string {
  return truncateSlug(asciiSlugify(name), CHANNEL_NAME_MAX);
}

function prefixed(prefix: string, slug: string): string {
  const cut = truncateSlug(slug, CHANNEL_NAME_MAX - prefix.length - 1);
  return cut ? `${prefix}-${cut}` : prefix;
}

export function incidentChannelName(number: number, title: string): string {
  return prefixed(`inc-${number}`, slugify(title));
}

export function workstreamChannelName(number: number, workstream: string): string {
  return prefixed(`inc-${number}`, slugify(workstream) || "workstream");
}

/** The name to try after `name_taken`: `base-2`, `base-3`…, still within 80 characters. */
export function withSuffix(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  return `${truncateSlug(base, CHANNEL_NAME_MAX - suffix.length)}${suffix}`;
}
