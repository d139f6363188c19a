//! A month of the tax check in words, from the codes and figures the Rust side sends
//! (`TaxMonth`, `TaxWorking`), in the current language of `t`: the method with its steps,
//! and what the difference means. Amounts as "¥2850.00", rates as "20%".

import type { TaxMonth, TaxWorking } from '../../../bindings';
import type { TFor } from '../../../i18n';
import { plainMoney } from '../../../shared/format';

/** The expected withholding's steps, by the method that applied (`from`: the switch day). */
export function taxWorkingText(t: TFor<'settlements'>, working: TaxWorking, from: string): string {
  switch (working.method) {
    case 'per_payment':
      return t('tax.perPayment', {
        from,
        income: plainMoney(working.income),
        basis: t(`tax.basis.${working.expense_basis}`),
        expenses: plainMoney(working.expenses),
        taxable: plainMoney(working.taxable),
        rate: working.rate,
        quickDeduction: plainMoney(working.quick_deduction),
        tax: plainMoney(working.tax),
      });
    case 'cumulative':
      return t('tax.cumulative', {
        from,
        income: plainMoney(working.cumulative_income),
        expenses: plainMoney(working.cumulative_expenses),
        deduction: plainMoney(working.cumulative_basic_deduction),
        months: working.deduction_months,
        taxable: plainMoney(working.cumulative_taxable),
        rate: working.rate,
        quickDeduction: plainMoney(working.quick_deduction),
        due: plainMoney(working.tax_due_to_date),
        already: plainMoney(working.already_withheld),
        withholding: plainMoney(working.withholding),
      });
  }
}

/** The difference's meaning: exact, over- or under-withheld by how much, or not stated;
 * then what the statement left out. */
export function taxOutcomeText(t: TFor<'settlements'>, month: TaxMonth): string {
  const e = month.explanation;
  // The size of the difference; its sign is the verdict's.
  const amount = plainMoney(month.difference.replace(/^-/, ''));
  const parts = [t(`tax.outcome.${e.verdict}`, { amount, expected: plainMoney(month.expected) })];
  if (e.verdict === 'over_withheld' || e.verdict === 'under_withheld') parts.push(t('tax.settle'));
  if (e.lines_without_tax > 0 && e.verdict !== 'not_stated') {
    parts.push(t('tax.withoutTax', { count: e.lines_without_tax }));
  }
  if (e.lines_without_gross > 0)
    parts.push(t('tax.withoutGross', { count: e.lines_without_gross }));
  // Each following sentence carries its own leading space where the language wants one.
  return parts.join('');
}
