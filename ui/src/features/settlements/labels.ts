//! Words for the codes the Rust side sends as plain strings (class, field, fix step).
//! A code this build does not know is shown as it is rather than as a missing key.

import type { TFor } from '../../i18n';
import { formatMoney } from '../../shared/format';
import { zhCN } from './i18n/zh-CN';

type Messages = typeof zhCN;

function known<T extends object>(table: T, code: string): code is Extract<keyof T, string> {
  return Object.hasOwn(table, code);
}

export function classLabel(t: TFor<'settlements'>, code: string): string {
  return known(zhCN.class, code) ? t(`class.${code}`) : code;
}

export function fieldLabel(t: TFor<'settlements'>, name: string): string {
  return known(zhCN.field, name) ? t(`field.${name}`) : name;
}

export function checkFieldLabel(t: TFor<'settlements'>, name: string): string {
  return known(zhCN.fix.checkField, name) ? t(`fix.checkField.${name}`) : name;
}

export function stepLabel(t: TFor<'settlements'>, code: string, amount: string | null): string {
  if (!known<Messages['fix']['step']>(zhCN.fix.step, code)) return code;
  return t(`fix.step.${code}`, { amount: amount === null ? '' : formatMoney(amount) });
}
