//! i18next, one namespace per feature plus `common` (the app's name, error codes, shared
//! words). zh-CN is the default and the fallback; each namespace's `zh-CN.ts` is the
//! reference its `en.ts` is typed against, and `CustomTypeOptions` below makes a wrong key
//! (or a wrong namespace) fail `tsc`. `keyParity.test.ts` checks the same at run time.
//!
//! zh-CN has a single plural form (`_other`); its `_one` keys exist only so both languages
//! have one shape for the compiler. The parity test does not require them.
//!
//! A new namespace: `features/<feature>/i18n/zh-CN.ts` + `en.ts`, then one line in each
//! language of `resources` below.

import i18n, { type TFunction } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en as accountEn } from '../features/account/i18n/en';
import { zhCN as accountZh } from '../features/account/i18n/zh-CN';
import { en as applyEn } from '../features/apply/i18n/en';
import { zhCN as applyZh } from '../features/apply/i18n/zh-CN';
import { en as campaignsEn } from '../features/campaigns/i18n/en';
import { zhCN as campaignsZh } from '../features/campaigns/i18n/zh-CN';
import { en as logisticsEn } from '../features/logistics/i18n/en';
import { zhCN as logisticsZh } from '../features/logistics/i18n/zh-CN';
import { en as profileEn } from '../features/profile/i18n/en';
import { zhCN as profileZh } from '../features/profile/i18n/zh-CN';
import { en as rightsEn } from '../features/rights/i18n/en';
import { zhCN as rightsZh } from '../features/rights/i18n/zh-CN';
import { en as settlementsEn } from '../features/settlements/i18n/en';
import { zhCN as settlementsZh } from '../features/settlements/i18n/zh-CN';
import { en as syncEn } from '../features/sync/i18n/en';
import { zhCN as syncZh } from '../features/sync/i18n/zh-CN';
import { en as taskHallEn } from '../features/taskHall/i18n/en';
import { zhCN as taskHallZh } from '../features/taskHall/i18n/zh-CN';
import type { Lang } from '../shared/format';
import { en as commonEn } from './en';
import { LANG_STORAGE_KEY, storedLang } from './lang';
import { zhCN as commonZh } from './zh-CN';

const zhCN = {
  common: commonZh,
  taskHall: taskHallZh,
  settlements: settlementsZh,
  sync: syncZh,
  account: accountZh,
  profile: profileZh,
  campaigns: campaignsZh,
  apply: applyZh,
  logistics: logisticsZh,
  rights: rightsZh,
};

/** Every namespace in every language; `en` has exactly zh-CN's namespaces. */
export const resources: Record<Lang, typeof zhCN> = {
  'zh-CN': zhCN,
  en: {
    common: commonEn,
    taskHall: taskHallEn,
    settlements: settlementsEn,
    sync: syncEn,
    account: accountEn,
    profile: profileEn,
    campaigns: campaignsEn,
    apply: applyEn,
    logistics: logisticsEn,
    rights: rightsEn,
  },
};

export type Namespace = keyof typeof zhCN;

/**
 * A `t` whose first namespace is `N` (it may reach others as `ns:key`): what a pure helper
 * of one feature takes. `TFor` alone takes any `t`; its keys then name their namespace.
 */
export type TFor<N extends Namespace = Namespace> = TFunction<[N, ...Namespace[]]>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof zhCN;
  }
}

export { LANG_STORAGE_KEY, storedLang } from './lang';

void i18n.use(initReactI18next).init({
  resources,
  ns: Object.keys(zhCN),
  defaultNS: 'common',
  lng: storedLang(),
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
});

if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

/** Switches the UI language and remembers it for the next start. */
export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Storage can be unavailable (private mode); the switch still applies to this session.
  }
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** The current UI language, re-rendering on change. */
export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return instance.resolvedLanguage === 'en' ? 'en' : 'zh-CN';
}

export default i18n;
