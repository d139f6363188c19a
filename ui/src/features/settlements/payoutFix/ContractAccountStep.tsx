import { Button, Input, Popconfirm, Typography } from '@douyinfe/semi-ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractAccountView } from '../../../bindings';
import { errorText } from '../../../shared/errors';
import { deleteContractAccount, setContractAccount } from '../../../shared/ipc';
import { useNotify } from '../../../shared/notify';
import { QueryView } from '../../../shared/QueryView';
import { settleKeys, useContractAccount } from '../queries';
import { Field } from './Field';

const { Text, Title } = Typography;

/** Step a (R-SETTLE-2): the account the contract names, kept encrypted, shown masked. */
export function ContractAccountStep({ open }: { open: boolean }) {
  const { t } = useTranslation(['settlements', 'common']);
  const client = useQueryClient();
  const notify = useNotify(['settlements', 'common']);
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
      notify.success((t) => t('fix.contractSaved'));
    },
    onError: (error) => setProblem(errorText(t, error)),
  });

  const forget = useMutation({
    mutationFn: deleteContractAccount,
    onSuccess: () => {
      client.setQueryData(settleKeys.contract, null);
      // The form that comes back is empty: nothing of the deleted account stays on screen.
      setCompany('');
      setBranch('');
      setCard('');
      setProblem(null);
      setEditing(false);
      notify.success((t) => t('fix.contractDeleted'));
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
            <div className="fix-actions fix-contract__actions">
              <Button
                size="small"
                theme="borderless"
                data-testid="contract-edit"
                onClick={() => edit(c)}
              >
                {t('fix.edit')}
              </Button>
              <Popconfirm
                title={t('fix.contractDeleteTitle')}
                content={t('fix.contractDeleteBody')}
                okText={t('fix.contractDelete')}
                cancelText={t('common:cancel')}
                okType="danger"
                onConfirm={() => forget.mutate()}
              >
                <span>
                  <Button
                    size="small"
                    type="danger"
                    theme="borderless"
                    loading={forget.isPending}
                    data-testid="contract-delete"
                  >
                    {t('fix.contractDelete')}
                  </Button>
                </span>
              </Popconfirm>
            </div>
            {problem !== null && <Text type="danger">{problem}</Text>}
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
