import { IconAlertTriangle, IconTick } from '@douyinfe/semi-icons';
import {
  Banner,
  Button,
  Input,
  Radio,
  RadioGroup,
  SideSheet,
  Tag,
  Typography,
} from '@douyinfe/semi-ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractAccountView, PayoutFixGuide, PayoutFixInput } from '../../bindings';
import { useLang } from '../../i18n';
import { CopyButton } from '../../shared/CopyButton';
import { errorText } from '../../shared/errors';
import { formatMoney, normalizeYuanInput } from '../../shared/format';
import { payoutFix, setContractAccount } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { QueryView } from '../../shared/QueryView';
import { checkFieldLabel, stepLabel } from './labels';
import { settleKeys, useContractAccount } from './queries';

const { Text, Title } = Typography;

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className="fix-field">
      <span className="fix-field__label">{label}</span>
      {children}
      {hint && (
        <Text type="tertiary" size="small">
          {hint}
        </Text>
      )}
    </label>
  );
}

/** Step a (R-SETTLE-2): the account the contract names, kept encrypted, shown masked. */
function ContractAccountStep({ open }: { open: boolean }) {
  const { t } = useTranslation(['settlements', 'common']);
  const client = useQueryClient();
  const notify = useNotify();
  const contract = useContractAccount(open);
  const [editing, setEditing] = useState(false);
  const [company, setCompany] = useState('');
  const [card, setCard] = useState('');
  const [branch, setBranch] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: setContractAccount,
    onSuccess: (view: ContractAccountView) => {
      client.setQueryData(settleKeys.contract, view);
      setEditing(false);
      setCard('');
      notify.success(t('fix.contractSaved'));
    },
    onError: (error) => setProblem(errorText(t, error)),
  });

  const edit = (view: ContractAccountView | null) => {
    setCompany(view?.company_name ?? '');
    setBranch(view?.bank_branch ?? '');
    setCard('');
    setProblem(null);
    setEditing(true);
  };

  const submit = () => {
    const account = {
      company_name: company.trim(),
      card_number: card.trim(),
      bank_branch: branch.trim(),
    };
    if (account.company_name === '' || account.card_number === '' || account.bank_branch === '') {
      setProblem(t('fix.contractRequired'));
      return;
    }
    setProblem(null);
    save.mutate(account);
  };

  const body = (
    <QueryView query={contract} error={(error) => <Text type="danger">{errorText(t, error)}</Text>}>
      {(c) =>
        c !== null && !editing ? (
          <div className="fix-contract" data-testid="contract-view">
            <div>
              <Text strong>{c.company_name}</Text>
            </div>
            <div className="mono" data-testid="contract-card-masked">
              {c.card_number_masked}
            </div>
            <div>{c.bank_branch}</div>
            <Button
              size="small"
              theme="borderless"
              data-testid="contract-edit"
              onClick={() => edit(c)}
            >
              {t('fix.edit')}
            </Button>
          </div>
        ) : (
          <div className="fix-form">
            <Field label={t('fix.company')}>
              <Input value={company} onChange={setCompany} data-testid="contract-company" />
            </Field>
            <Field label={t('fix.card')} hint={t('fix.cardStored')}>
              <Input value={card} onChange={setCard} data-testid="contract-card" />
            </Field>
            <Field label={t('fix.branch')}>
              <Input value={branch} onChange={setBranch} data-testid="contract-branch" />
            </Field>
            {problem !== null && <Text type="danger">{problem}</Text>}
            <div className="fix-actions">
              <Button
                theme="solid"
                loading={save.isPending}
                onClick={submit}
                data-testid="contract-save"
              >
                {t('common:save')}
              </Button>
              {c !== null && (
                <Button theme="borderless" onClick={() => setEditing(false)}>
                  {t('common:cancel')}
                </Button>
              )}
            </div>
          </div>
        )
      }
    </QueryView>
  );

  return (
    <section className="fix-step-section">
      <Title heading={6}>1. {t('fix.contractTitle')}</Title>
      <Text type="tertiary" size="small">
        {t('fix.contractHint')}
      </Text>
      {body}
    </section>
  );
}

/** Step c: the verdict on the account, the ordered steps, the amounts and the e-mail. */
function FixResult({ guide }: { guide: PayoutFixGuide }) {
  const { t } = useTranslation('settlements');
  const lang = useLang();
  const cancellable = guide.rule === 'R-SETTLE-3';
  const section = useRef<HTMLElement>(null);
  // A new plan appears below the form, out of sight: bring it into view.
  useEffect(() => {
    if (guide.steps.length > 0)
      section.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [guide]);
  return (
    <section ref={section} className="fix-step-section fix-result" data-testid="fix-result">
      <Title heading={6}>3. {t('fix.resultTitle')}</Title>

      <div className="fix-result__block">
        <Text strong>{t('fix.checks')}</Text>
        {guide.checks === null ? (
          <div data-testid="fix-checks-missing">
            <Banner type="warning" closeIcon={null} description={t('fix.checksMissing')} />
          </div>
        ) : (
          <ul className="fix-checks">
            {guide.checks.map((c) => (
              <li
                key={c.field}
                className={`fix-check ${c.passed ? 'is-ok' : 'is-failed'}`}
                data-testid="fix-check-row"
                data-field={c.field}
                data-passed={c.passed ? 'true' : 'false'}
              >
                <span className="fix-check__mark">
                  {c.passed ? <IconTick /> : <IconAlertTriangle />}
                </span>
                <span className="fix-check__body">
                  <Text strong>{checkFieldLabel(t, c.field)}</Text>
                  <span>{lang === 'zh-CN' ? c.reason_zh : c.reason_en}</span>
                  <Text type="tertiary" size="small">
                    {t('fix.onStatement', { value: c.on_statement })} ·{' '}
                    {t('fix.contracted', { value: c.contracted })}
                  </Text>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="fix-result__facts">
        <div>
          <Text type="tertiary">{t('fix.rule')}</Text>
          <div data-testid="fix-rule">
            <Tag color={cancellable ? 'blue' : 'orange'} type="solid" size="small">
              {guide.rule}
            </Tag>{' '}
            {cancellable ? t('fix.path.cancellable') : t('fix.path.notCancellable')}
          </div>
        </div>
        <div>
          <Text type="tertiary">{t('fix.invoiced')}</Text>
          <div className="fix-amount" data-testid="fix-invoiced">
            {formatMoney(guide.invoiced_amount)}
          </div>
        </div>
        {guide.supplementary_invoice !== null && (
          <div>
            <Text type="tertiary">{t('fix.supplementary')}</Text>
            <div className="fix-amount is-warning" data-testid="fix-supplementary">
              {formatMoney(guide.supplementary_invoice)}
            </div>
          </div>
        )}
        {guide.excess_invoiced !== null && (
          <div>
            <Text type="tertiary">{t('fix.excess')}</Text>
            <div className="fix-amount is-danger" data-testid="fix-excess">
              {formatMoney(guide.excess_invoiced)}
            </div>
          </div>
        )}
        <div>
          <Text type="tertiary">{t('fix.tracking')}</Text>
          <div data-testid="fix-tracking" className="mono">
            {guide.tracking_numbers.length > 0
              ? guide.tracking_numbers.join('、')
              : t('fix.trackingNone')}
          </div>
        </div>
      </div>

      <div className="fix-result__block">
        <Text strong>{t('fix.steps')}</Text>
        <ol className="fix-steps">
          {guide.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a step may repeat; order is identity
            <li key={i} data-testid="fix-step" data-code={s.code}>
              {stepLabel(t, s.code, s.amount)}
            </li>
          ))}
        </ol>
      </div>

      <div className="fix-result__block fix-email">
        <Text strong>{t('fix.email')}</Text>
        <Text type="tertiary" size="small">
          {t('fix.emailNote')}
        </Text>
        <div className="fix-email__row">
          <Text type="tertiary">{t('fix.subject')}</Text>
          <CopyButton text={guide.email_subject} testId="fix-copy-subject" />
        </div>
        <div className="fix-email__subject" data-testid="fix-email-subject" lang="zh-CN">
          {guide.email_subject}
        </div>
        <div className="fix-email__row">
          <Text type="tertiary">{t('fix.body')}</Text>
          <CopyButton text={guide.email_body} testId="fix-copy-body" />
        </div>
        <pre className="fix-email__body" data-testid="fix-email-body" lang="zh-CN">
          {guide.email_body}
        </pre>
      </div>
    </section>
  );
}

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
