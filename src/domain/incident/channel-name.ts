// Channel names: `inc-<number>-<slug of title>`, lowercase [a-z0-9-_], at most 80 characters,
// cut on a word boundary. A title made only of emoji or punctuation still yields a valid name.
import { truncateSlug } from "../text/truncate.ts";

export const CHANNEL_NAME_MAX = 80;

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents: é → e
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
}

export function incidentChannelName(number: number, title: string): string {
  const prefix = `inc-${number}`;
  const slug = truncateSlug(slugify(title), CHANNEL_NAME_MAX - prefix.length - 1);
  return slug ? `${prefix}-${slug}` : prefix;
}

export function workstreamChannelName(number: number, workstream: string): string {
  const prefix = `inc-${number}`;
  const slug = truncateSlug(slugify(workstream), CHANNEL_NAME_MAX - prefix.length - 1) || "workstream";
  return `${prefix}-${slug}`;
}

/** The name to try after `name_taken`: `base-2`, `base-3`…, still within 80 characters. */
export function withSuffix(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  return `${truncateSlug(base, CHANNEL_NAME_MAX - suffix.length)}${suffix}`;
}
