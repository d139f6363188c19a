//! A parcel's last failure (`TrackingErrorView`) in words: its `code` is kuaidi100's
//! `returnCode` or one of StarDesk's own kinds, each worded here; the `message` is the
//! provider's (English) explanation, shown only for a code without words.

import type { TrackingErrorView } from '../../bindings';
import type { TFor } from '../../i18n';

/** kuaidi100's documented `returnCode`s, and the kinds core stores for other failures. */
export const PROVIDER_CODES = [
  '400',
  '408',
  '500',
  '501',
  '502',
  '503',
  '601',
  'unreachable',
  'not_configured',
  'invalid',
] as const;

export type ProviderCode = (typeof PROVIDER_CODES)[number];

function isProviderCode(code: string): code is ProviderCode {
  return (PROVIDER_CODES as readonly string[]).includes(code);
}

/** "手机号校验失败：…（408）"; an unknown code with the provider's message. */
export function trackingErrorText(t: TFor, error: TrackingErrorView): string {
  if (isProviderCode(error.code)) {
    return t('logistics:providerError', {
      text: t(`logistics:providerErrors.${error.code}`),
      code: error.code,
    });
  }
  const text = t('logistics:providerUnknown', { code: error.code });
  return error.message === '' ? text : t('common:errorDetail', { text, message: error.message });
}
