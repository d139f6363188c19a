//! Words for the codes the Rust side sends (class, import field, account field, fix
//! step). Each code is a generated union and each table in `i18n/zh-CN.ts` is a complete
//! `Record` of it, so every code has its words: a new one fails `tsc`, not the window.

import type { AccountField, ClassCode, FixStepCode, ImportField } from '../../bindings';
import type { TFor } from '../../i18n';
import { formatMoney } from '../../shared/format';

export function classLabel(t: TFor<'settlements'>, code: ClassCode): string {
  return t(`class.${code}`);
}

export function fieldLabel(t: TFor<'settlements'>, field: ImportField): string {
  return t(`field.${field}`);
}

export function checkFieldLabel(t: TFor<'settlements'>, field: AccountField): string {
  return t(`fix.checkField.${field}`);
}

export function stepLabel(
  t: TFor<'settlements'>,
  code: FixStepCode,
  amount: string | null,
): string {
  return t(`fix.step.${code}`, { amount: amount === null ? '' : formatMoney(amount) });
}
