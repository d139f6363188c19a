//! The form's sentences built from codes: a warning (a failed eligibility check worded by
//! the task hall's `checkText`), the platform's refusal, the take-home line. Never from a
//! message the Rust side or the platform wrote.

import {
  type ApplyWarning,
  type Eligibility,
  type EligibilityCheck,
  FORM_FIELDS,
  type FormFieldCode,
  type NetScenario,
  type OutboxItemView,
} from '../../bindings';
import type { TFor } from '../../i18n';
import { formatMoney, isZeroAmount, type Lang } from '../../shared/format';
import { checkText } from '../taskHall/detail/checkText';

/**
 * A warning in words. `not_eligible` names only the failed check's code; its sentence
 * (with the creator's numbers) comes from the task detail's own check of that code, else
 * from the code alone (`checkText` then says the plain label).
 */
export function warningText(
  warning: ApplyWarning,
  eligibility: Eligibility,
  t: TFor<'apply'>,
  tHall: TFor<'taskHall'>,
  lang: Lang,
): string {
  if (warning.code !== 'not_eligible') return t(`warnings.${warning.code}`);
  const code = warning.check;
  if (code === null) return t('notEligiblePlain');
  const check: EligibilityCheck = eligibility.checks.find((c) => c.code === code && !c.ok) ??
    eligibility.checks.find((c) => c.code === code) ?? { code, ok: false, rule: null, params: [] };
  const sentence = checkText(check, tHall, lang);
  return t('warnings.not_eligible', {
    reason: check.rule === null ? sentence : `${check.rule} ${sentence}`,
  });
}

/** The platform's refusal codes the form words (`OutboxItemView.refusal_code`). */
const REFUSALS = ['already_applied', 'window_closed', 'slots_full', 'not_eligible', 'invalid'];
type Refusal = 'already_applied' | 'window_closed' | 'slots_full' | 'not_eligible' | 'invalid';

const isRefusal = (code: string): code is Refusal => REFUSALS.includes(code);
const isFormField = (field: string): field is FormFieldCode =>
  (FORM_FIELDS as readonly string[]).includes(field);

/** Why the platform refused an application: its code in words, then the fields it named. */
export function refusalText(item: OutboxItemView, t: TFor<'apply'>): string {
  const code = item.refusal_code;
  let reason: string;
  if (code !== null) {
    reason = isRefusal(code) ? t(`refusals.${code}`) : t('refusals.other', { code });
  } else {
    reason = t(`common:errors.${item.last_error?.code ?? 'refused'}`);
  }
  if (item.problems.length === 0) return reason;
  const fields = item.problems
    .map((p) => (isFormField(p.field) ? t(`profile:fields.${p.field}`) : p.field))
    .join(t('listSeparator'));
  return t('refusals.fields', { reason, fields });
}

/** The creator's own case of R-PREF-3 (core marks it) in one sentence, on the highest
 * reward; a task without cash says so. */
export function netText(scenarios: readonly NetScenario[], t: TFor<'apply'>): string {
  const mine = scenarios.find((s) => s.applies);
  if (mine === undefined || isZeroAmount(mine.gross)) return t('taskHall:detail.netNoCash');
  const gross = formatMoney(mine.gross);
  const net = formatMoney(mine.net);
  if (mine.fees.length === 0) return t('net.noFees', { gross, net });
  const fees = mine.fees
    .map((f) => t('net.feeItem', { fee: t(`taskHall:fee.${f.kind}`), rate: f.rate_percent }))
    .join(t('listSeparator'));
  return t('net.fees', { gross, fees, net });
}
