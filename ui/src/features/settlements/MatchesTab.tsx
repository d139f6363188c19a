import { Button, Table, Tag } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionAction, MatchOrigin, MatchRow, ReconcileView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatMoney } from '../../shared/format';
import { decide } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { PAGE_SIZE } from './DiscrepancyTab';
import { IdSearch, PageEmpty } from './PagedList';
import { useMatchPage } from './queries';
import { TaskEarningsOpener, useTaskEarningsSheet } from './TaskEarningsSheet';

const ORIGIN_COLOR = {
  automatic: 'blue',
  accepted: 'green',
  manual: 'violet',
} as const satisfies Record<MatchOrigin, string>;

/**
 * 已匹配: what was paired, and by whom; automatic pairs can be confirmed or refused.
 * Searched and paged by core.
 */
export function MatchesTab({ view }: { view: ReconcileView }) {
  const { t } = useTranslation('settlements');
  const notify = useNotify('settlements');
  const earnings = useTaskEarningsSheet();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const needle = useDeferredValue(search.trim());
  // biome-ignore lint/correctness/useExhaustiveDependencies: new data or a new search start at page 1
  useEffect(() => setPage(1), [view, needle]);
  const rows = useMatchPage({
    as_of: view.as_of,
    classes: [],
    search: needle,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const total = rows.data?.total ?? 0;

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
      notify.success((t) => (action === 'accept' ? t('match.accepted') : t('match.rejected'))),
    onError: (error) => notify.error((t) => t('decideFailed', { text: errorText(t, error) })),
  });

  const columns = [
    {
      title: t('list.class'),
      dataIndex: 'kind',
      width: 150,
      render: (_: unknown, m: MatchRow) => (
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
      render: (_: unknown, m: MatchRow) =>
        m.task_id === null ? null : (
          <TaskEarningsOpener taskId={m.task_id} label={m.task_id} onOpen={earnings.open} />
        ),
    },
    {
      title: t('list.statementId'),
      dataIndex: 'statement_ids',
      render: (_: unknown, m: MatchRow) => (
        <span className="mono">{m.statement_ids.join(', ')}</span>
      ),
    },
    {
      title: t('list.txnId'),
      dataIndex: 'txn_ids',
      render: (_: unknown, m: MatchRow) => <span className="mono">{m.txn_ids.join(', ')}</span>,
    },
    {
      title: t('list.amount'),
      dataIndex: 'amount',
      width: 120,
      align: 'right' as const,
      render: (_: unknown, m: MatchRow) => (
        <span className="amount-num">{formatMoney(m.amount)}</span>
      ),
    },
    {
      title: t('list.actions'),
      dataIndex: 'actions',
      width: 150,
      render: (_: unknown, m: MatchRow) =>
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
      <div className="discrepancies__filters">
        <IdSearch value={search} onChange={setSearch} testId="match-search" />
      </div>
      <Table<MatchRow>
        size="small"
        rowKey={(m) => String(m?.index)}
        columns={columns}
        dataSource={rows.data?.rows ?? []}
        loading={rows.isFetching && rows.isPlaceholderData}
        pagination={
          total > PAGE_SIZE
            ? { currentPage: page, pageSize: PAGE_SIZE, total, onPageChange: setPage }
            : false
        }
        onRow={(m) => ({ 'data-testid': 'match-row', 'data-origin': m?.origin }) as never}
        empty={<PageEmpty page={rows} hasAny={view.matches_total > 0} none={t('match.empty')} />}
      />
      {earnings.sheet}
    </div>
  );
}
