//! Words for the codes the Rust side sends as plain strings (class, field, fix step).
//! A code this build does not know is shown as it is rather than as a missing key.

import type { TFunction } from 'i18next';
import { zhCN } from '../../i18n/zh-CN';
import { formatMoney } from '../../shared/format';

type Settle = typeof zhCN.settle;

function known<T extends object>(table: T, code: string): code is Extract<keyof T, string> {
  return Object.hasOwn(table, code);
}

export function classLabel(t: TFunction, code: string): string {
  return known(zhCN.settle.class, code) ? t(`settle.class.${code}`) : code;
}

export function fieldLabel(t: TFunction, name: string): string {
  return known(zhCN.settle.field, name) ? t(`settle.field.${name}`) : name;
}

export function checkFieldLabel(t: TFunction, name: string): string {
  return known(zhCN.settle.fix.checkField, name) ? t(`settle.fix.checkField.${name}`) : name;
}

export function stepLabel(t: TFunction, code: string, amount: string | null): string {
  if (!known<Settle['fix']['step']>(zhCN.settle.fix.step, code)) return code;
  return t(`settle.fix.step.${code}`, { amount: amount === null ? '' : formatMoney(amount) });
}
