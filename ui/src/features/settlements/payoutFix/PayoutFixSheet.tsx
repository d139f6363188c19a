import { Button, Input, Radio, RadioGroup, SideSheet, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayoutFixInput } from '../../../bindings';
import { errorText } from '../../../shared/errors';
import { normalizeYuanInput } from '../../../shared/format';
import { payoutFix } from '../../../shared/ipc';
import { ContractAccountStep } from './ContractAccountStep';
import { Field } from './Field';
import { FixResult } from './FixResult';

const { Text, Title } = Typography;

interface FormState {
  accountName: string;
  cardNumber: string;
  bankBranch: string;
  cancellable: boolean | null;
  regenerated: string;
  nickname: string;
}

const EMPTY_FORM: FormState = {
  accountName: '',
  cardNumber: '',
  bankBranch: '',
  cancellable: null,
  regenerated: '',
  nickname: '',
};

/** The input `payout_fix` takes, or which problem stops it. */
export function fixInputOf(
  statementId: string,
  f: FormState,
): PayoutFixInput | 'required' | 'amount' {
  const account_name = f.accountName.trim();
  const card_number = f.cardNumber.trim();
  const bank_branch = f.bankBranch.trim();
  if (account_name === '' || card_number === '' || bank_branch === '' || f.cancellable === null) {
    return 'required';
  }
  let regenerated_amount: string | null = null;
  if (f.cancellable && f.regenerated.trim() !== '') {
    regenerated_amount = normalizeYuanInput(f.regenerated);
    if (regenerated_amount === null) return 'amount';
  }
  const nickname = f.nickname.trim();
  return {
    statement_id: statementId,
    account_name,
    card_number,
    bank_branch,
    cancellable: f.cancellable,
    regenerated_amount,
    nickname: nickname === '' ? null : nickname,
  };
}

/** 修复打款 (R-SETTLE-2..4) for one failed statement, as a side sheet. */
export function PayoutFixSheet({
  statementId,
  onClose,
}: {
  statementId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('settlements');
  const radioName = useId();
  const [form, setForm] = useState<FormState>(EMPTY_FORM);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const plan = useMutation({ mutationFn: payoutFix });
  const { reset } = plan;
  // Each statement starts from a blank form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the statement changes
  useEffect(() => {
    setForm(EMPTY_FORM);
    setProblem(null);
    reset();
  }, [statementId, reset]);

  const submit = () => {
    if (statementId === null) return;
    const input = fixInputOf(statementId, form);
    if (input === 'required') {
      setProblem(t('fix.formRequired'));
      return;
    }
    if (input === 'amount') {
      setProblem(t('fix.amountInvalid'));
      return;
    }
    setProblem(null);
    plan.mutate(input);
  };

  return (
    <SideSheet
      visible={statementId !== null}
      onCancel={onClose}
      width={600}
      title={t('fix.title', { id: statementId ?? '' })}
    >
      <div className="payout-fix" data-testid="payout-fix">
        <ContractAccountStep open={statementId !== null} />

        <section className="fix-step-section">
          <Title heading={6}>2. {t('fix.statementTitle')}</Title>
          <div className="fix-form">
            <Field label={t('fix.accountName')}>
              <Input
                value={form.accountName}
                onChange={(v) => set({ accountName: v })}
                data-testid="fix-account-name"
              />
            </Field>
            <Field label={t('fix.cardNumber')}>
              <Input
                value={form.cardNumber}
                onChange={(v) => set({ cardNumber: v })}
                data-testid="fix-card-number"
              />
            </Field>
            <Field label={t('fix.bankBranch')}>
              <Input
                value={form.bankBranch}
                onChange={(v) => set({ bankBranch: v })}
                data-testid="fix-bank-branch"
              />
            </Field>
            <div className="fix-field">
              <span className="fix-field__label">{t('fix.cancellable')}</span>
              <RadioGroup
                name={radioName}
                value={form.cancellable === null ? undefined : form.cancellable ? 'yes' : 'no'}
                onChange={(e) => set({ cancellable: e.target.value === 'yes' })}
                aria-label={t('fix.cancellable')}
              >
                <Radio value="yes" data-testid="fix-cancellable-yes">
                  {t('fix.cancellableYes')}
                </Radio>
                <Radio value="no" data-testid="fix-cancellable-no">
                  {t('fix.cancellableNo')}
                </Radio>
              </RadioGroup>
            </div>
            {form.cancellable === true && (
              <Field label={t('fix.regenerated')} hint={t('fix.regeneratedHint')}>
                <Input
                  prefix="¥"
                  value={form.regenerated}
                  onChange={(v) => set({ regenerated: v })}
                  data-testid="fix-regenerated"
                />
              </Field>
            )}
            <Field label={t('fix.nickname')} hint={t('fix.nicknameHint')}>
              <Input
                value={form.nickname}
                onChange={(v) => set({ nickname: v })}
                data-testid="fix-nickname"
              />
            </Field>
            {problem !== null && (
              <Text type="danger" data-testid="fix-problem">
                {problem}
              </Text>
            )}
            {plan.isError && (
              <Text type="danger" data-testid="fix-error">
                {t('fix.failed', { text: errorText(t, plan.error) })}
              </Text>
            )}
            <div className="fix-actions">
              <Button
                theme="solid"
                loading={plan.isPending}
                onClick={submit}
                data-testid="fix-check"
              >
                {t('fix.check')}
              </Button>
            </div>
          </div>
        </section>

        {plan.data && <FixResult guide={plan.data} />}
      </div>
    </SideSheet>
  );
}
