//! A task's industry in the window's language. The platform names its industries in
//! Chinese (its own taxonomy); the ones it has are named in each language's `industryName`,
//! and one it adds later is shown as it came rather than not at all.

import type { TFor } from '../../i18n';

/** `industry` as the current language of `t` names it, or as the platform sent it. */
export function industryText(t: TFor<'taskHall'>, industry: string): string {
  const names: Record<string, string> = t('industryName', { returnObjects: true });
  return (Object.hasOwn(names, industry) && names[industry]) || industry;
}
