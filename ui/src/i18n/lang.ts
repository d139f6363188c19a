//! The UI language remembered for the next start: read by i18next's set-up (`index.ts`)
//! and by the first paint (`firstPaint/`), which runs before i18next and React load.

import type { Lang } from '../shared/format';

export const LANG_STORAGE_KEY = 'stardesk.lang';

/** The language chosen last, zh-CN when none was (or storage is unavailable). */
export function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}
