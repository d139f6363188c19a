//! A discrepancy's reason and an account check in words, from the figures the Rust side
//! sends (`Reason`, `AccountCheckView`), in the current language of `t`. They say what the
//! domain's own sentences say (`stardesk_domain::reconcile::reason`, which the CSV report
//! keeps using): amounts as "¥2500.00", negatives "-¥40.00", differences "+¥40.00".

import type { AccountCheckView, Reason } from '../../bindings';
import type { TFor } from '../../i18n';
import { isZeroAmount, plainMoney, signedMoney } from '../../shared/format';
import { checkFieldLabel } from './labels';

export function reasonText(t: TFor<'settlements'>, reason: Reason): string {
  switch (reason.class) {
    case 'amount_mismatch': {
      const head = t('reason.amount_mismatch.head', {
        task: reason.task_id,
        statementId: reason.statement_id,
        statement: plainMoney(reason.statement),
        expected: plainMoney(reason.expected),
        difference: signedMoney(reason.difference),
      });
      if (reason.parts.length === 0) return head + t('reason.amount_mismatch.noParts');
      const parts = reason.parts
        .map((p) =>
          t('reason.amount_mismatch.part', {
            part: t(`reason.part.${p.part}`),
            expected: plainMoney(p.expected),
            statement: plainMoney(p.statement),
            difference: signedMoney(p.difference),
          }),
        )
        .join(t('reason.amount_mismatch.partSeparator'));
      const unexplained = isZeroAmount(reason.unexplained)
        ? ''
        : t('reason.amount_mismatch.unexplained', {
            unexplained: signedMoney(reason.unexplained),
          });
      return head + t('reason.amount_mismatch.parts', { parts }) + unexplained;
    }
    case 'missing_payout': {
      const amount = plainMoney(reason.amount);
      return reason.due_date === null
        ? t('reason.missing_payout.noDue', { task: reason.task_id, amount })
        : t('reason.missing_payout.due', { task: reason.task_id, amount, due: reason.due_date });
    }
    case 'duplicate_payout':
      return t('reason.duplicate_payout', {
        task: reason.task_id,
        statementId: reason.statement_id,
        amount: plainMoney(reason.amount),
        date: reason.date,
      });
    case 'payout_failed':
      return t('reason.payout_failed', {
        task: reason.task_id,
        statementId: reason.statement_id,
        amount: plainMoney(reason.amount),
        rule: reason.rule,
      });
    case 'unexpected_payout':
      return t('reason.unexpected_payout', {
        task: reason.task_id,
        statementId: reason.statement_id,
        amount: plainMoney(reason.amount),
        date: reason.date,
      });
    case 'payout_overdue': {
      const tracking =
        reason.tracking_numbers.length === 0
          ? ''
          : t('reason.payout_overdue.tracking', {
              numbers: reason.tracking_numbers.join(t('reason.payout_overdue.trackingSeparator')),
            });
      const text = t('reason.payout_overdue.text', {
        statementId: reason.statement_id,
        sent: reason.sent_date,
        tracking,
        days: reason.working_days,
        deadline: reason.deadline,
        amount: plainMoney(reason.amount),
        rule: reason.rule,
      });
      return reason.uncovered_year === null
        ? text
        : text + t('reason.payout_overdue.uncoveredYear', { year: reason.uncovered_year });
    }
    case 'unexpected_credit':
      return t('reason.unexpected_credit', {
        txn: reason.txn_id,
        date: reason.date,
        counterparty: reason.counterparty,
        amount: plainMoney(reason.amount),
      });
  }
}

/** One R-SETTLE-2 check: the field, both values, the verdict (card numbers come masked). */
export function accountCheckText(t: TFor<'settlements'>, check: AccountCheckView): string {
  const text = t('fix.checkSentence', {
    field: checkFieldLabel(t, check.field),
    onStatement: check.on_statement,
    contracted: check.contracted,
    verdict: t(check.passed ? 'fix.checkVerdict.passed' : 'fix.checkVerdict.failed'),
  });
  return check.hidden_difference ? text + t('fix.checkHidden') : text;
}
