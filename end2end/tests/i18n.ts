import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The languages Passerelle speaks, as its locale files name them. */
export type Lang = "en" | "fr" | "es" | "ar";

const cache = new Map<Lang, Record<string, unknown>>();

function strings(lang: Lang): Record<string, unknown> {
  let table = cache.get(lang);
  if (!table) {
    table = JSON.parse(readFileSync(join(__dirname, "..", "..", "locales", `${lang}.json`), "utf8"));
    cache.set(lang, table!);
  }
  return table!;
}

/**
 * The app's own text for `key` ("needs.submit") in `lang`, with `{{ name }}` filled in:
 * tests find what a reader of that language sees, from the same files the app uses.
 */
export function t(lang: Lang, key: string, vars: Record<string, string> = {}): string {
  let value: unknown = strings(lang);
  for (const part of key.split(".")) value = (value as Record<string, unknown>)?.[part];
  if (typeof value !== "string") throw new Error(`no string ${key} in ${lang}`);
  return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`${key} needs {{ ${name} }}`);
    return vars[name];
  });
}

/** A regular expression matching `text` literally. */
export function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

/** The cookie the app reads for the chosen language. */
export const LANGUAGE_COOKIE = "i18n_pref_locale";
