import { Button, Empty, Table, Tag } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionAction, MatchOrigin, MatchRow } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatMoney } from '../../shared/format';
import { decide } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { PAGE_SIZE } from './DiscrepancyTab';
import { TaskEarningsOpener, useTaskEarningsSheet } from './TaskEarningsSheet';

const ORIGIN_COLOR = {
  automatic: 'blue',
  accepted: 'green',
  manual: 'violet',
} as const satisfies Record<MatchOrigin, string>;

interface Row {
  key: string;
  match: MatchRow;
}

/** 已匹配: what was paired, and by whom; automatic pairs can be confirmed or refused. */
export function MatchesTab({ matches }: { matches: MatchRow[] }) {
  const { t } = useTranslation('settlements');
  const notify = useNotify();
  const earnings = useTaskEarningsSheet();
  const rows = useMemo<Row[]>(
    () => matches.map((match, i) => ({ key: String(i), match })),
    [matches],
  );

  const save = useMutation({
    mutationFn: ({ action, m }: { action: DecisionAction; m: MatchRow }) =>
      decide({
        action,
        kind: m.kind,
        expected: m.expected_key,
        statement: m.statement_keys,
        bank: m.bank_keys,
      }),
    onSuccess: (_, { action }) =>
      notify.success(action === 'accept' ? t('match.accepted') : t('match.rejected')),
    onError: (error) => notify.error(t('decideFailed', { text: errorText(t, error) })),
  });

  const columns = [
    {
      title: t('list.class'),
      dataIndex: 'kind',
      width: 150,
      render: (_: unknown, { match: m }: Row) => (
        <span className="tag-pair">
          <Tag size="small" type="light" color="grey">
            {t(`match.kind.${m.kind}`)}
          </Tag>
          <Tag size="small" type="light" color={ORIGIN_COLOR[m.origin]} data-testid="match-origin">
            {t(`match.origin.${m.origin}`)}
          </Tag>
        </span>
      ),
    },
    {
      title: t('list.taskId'),
      dataIndex: 'task_id',
      width: 170,
      render: (_: unknown, { match: m }: Row) =>
        m.task_id === null ? null : (
          <TaskEarningsOpener taskId={m.task_id} label={m.task_id} onOpen={earnings.open} />
        ),
    },
    {
      title: t('list.statementId'),
      dataIndex: 'statement_ids',
      render: (_: unknown, { match: m }: Row) => (
        <span className="mono">{m.statement_ids.join(', ')}</span>
      ),
    },
    {
      title: t('list.txnId'),
      dataIndex: 'txn_ids',
      render: (_: unknown, { match: m }: Row) => (
        <span className="mono">{m.txn_ids.join(', ')}</span>
      ),
    },
    {
      title: t('list.amount'),
      dataIndex: 'amount',
      width: 120,
      align: 'right' as const,
      render: (_: unknown, { match: m }: Row) => (
        <span className="amount-num">{formatMoney(m.amount)}</span>
      ),
    },
    {
      title: t('list.actions'),
      dataIndex: 'actions',
      width: 150,
      render: (_: unknown, { match: m }: Row) =>
        m.origin === 'automatic' ? (
          <span className="tag-pair">
            <Button
              size="small"
              theme="light"
              type="primary"
              disabled={save.isPending}
              data-testid="match-accept"
              onClick={() => save.mutate({ action: 'accept', m })}
            >
              {t('match.accept')}
            </Button>
            <Button
              size="small"
              theme="light"
              type="danger"
              disabled={save.isPending}
              data-testid="match-reject"
              onClick={() => save.mutate({ action: 'reject', m })}
            >
              {t('match.reject')}
            </Button>
          </span>
        ) : null,
    },
  ];

  return (
    <div data-testid="match-list">
      <Table<Row>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > PAGE_SIZE ? { pageSize: PAGE_SIZE } : false}
        onRow={(r) => ({ 'data-testid': 'match-row', 'data-origin': r?.match.origin }) as never}
        empty={<Empty description={t('match.empty')} />}
      />
      {earnings.sheet}
    </div>
  );
}
