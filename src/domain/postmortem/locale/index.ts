// The languages the draft is written in (POSTMORTEM_LOCALE), each one catalogue of phrases.
import { type Catalogue, en } from "./en.ts";
import { ko } from "./ko.ts";

export const LOCALES = ["en", "ko"] as const;
export type Locale = (typeof LOCALES)[number];
export type { Catalogue };

const CATALOGUES: Record<Locale, Catalogue> = { en, ko };

export function catalogue(locale: Locale | undefined): Catalogue {
  return CATALOGUES[locale ?? "en"];
}
