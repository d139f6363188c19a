//! Carriers by their kuaidi100 code (the platform's `Carrier`, an open set): the common ones
//! get a name; any other code is shown as it is.

import type { TFor } from '../../i18n';

/** The kuaidi100 codes worded in `campaigns:carriers`. */
export const CARRIERS = [
  'shunfeng',
  'shunfengkuaiyun',
  'zhongtong',
  'yuantong',
  'yunda',
  'shentong',
  'jd',
  'ems',
  'youzhengguonei',
  'jtexpress',
  'debangkuaidi',
  'debangwuliu',
  'huitongkuaidi',
  'zhaijisong',
] as const;

export type Carrier = (typeof CARRIERS)[number];

export function isCarrier(code: string): code is Carrier {
  return (CARRIERS as readonly string[]).includes(code);
}

/** `shunfeng` → 顺丰速运 / SF Express; an unknown code as it came. */
export function carrierName(t: TFor<'campaigns'>, code: string): string {
  return isCarrier(code) ? t(`carriers.${code}`) : code;
}
