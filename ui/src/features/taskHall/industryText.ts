//! A task's industry in the window's language. The platform names its industries in
//! Chinese (its own taxonomy); the ones it has are named in each language's `industryName`,
//! and one it adds later is shown as it came rather than not at all.

import type { TFor } from '../../i18n';

/** Each language's table, read once (i18next copies the whole table on every read, and
 * every row asks), under that language's word for "industry", which tells them apart
 * whatever `t` asks (one bound to a language, or one following the current language). */
const tables = new Map<string, Record<string, string>>();

function tableOf(t: TFor<'taskHall'>): Record<string, string> {
  const language = t('hall.industry');
  let names = tables.get(language);
  if (names === undefined) {
    names = t('industryName', { returnObjects: true }) as Record<string, string>;
    tables.set(language, names);
  }
  return names;
}

/** `industry` as the current language of `t` names it, or as the platform sent it. */
export function industryText(t: TFor<'taskHall'>, industry: string): string {
  const names = tableOf(t);
  return (Object.hasOwn(names, industry) && names[industry]) || industry;
}

/**
 * The platform's name of the industry `search` names in the window's language ("beauty" →
 * 美妆), for the search, which reads the platform's words: `null` when it names none.
 */
export function platformIndustry(t: TFor<'taskHall'>, search: string): string | null {
  const wanted = search.trim().toLowerCase();
  if (wanted === '') return null;
  const names = tableOf(t);
  const found = Object.keys(names).find((platform) => names[platform]?.toLowerCase() === wanted);
  return found !== undefined && found !== search.trim() ? found : null;
}
