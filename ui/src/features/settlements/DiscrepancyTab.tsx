import { IconWrench } from '@douyinfe/semi-icons';
import { Button, Checkbox, CheckboxGroup, Table, Tooltip, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscrepancyView, ReconcileView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatMoney } from '../../shared/format';
import { decide } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { ClassTag } from './ClassTag';
import { classLabel } from './labels';
import { type DiscrepancyClass, FILTER_CLASSES, manualMatchOf, tallyOf } from './model';
import { IdSearch, PageEmpty } from './PagedList';
import { useDiscrepancyPage } from './queries';
import { reasonText } from './reasonText';
import { TaskEarningsOpener, useTaskEarningsSheet } from './TaskEarningsSheet';

const { Text } = Typography;

export const PAGE_SIZE = 50;

function toggle(
  selected: Map<number, DiscrepancyView>,
  rows: DiscrepancyView[],
  on: boolean,
): Map<number, DiscrepancyView> {
  const next = new Map(selected);
  for (const r of rows) {
    if (on) next.set(r.index, r);
    else next.delete(r.index);
  }
  return next;
}

/**
 * 需核对: every discrepancy, filterable by class and id, selectable to match by hand.
 * Core filters and pages (a million-line reconciliation has every row reachable); the
 * selection is kept across pages and filters until the data change.
 */
export function DiscrepancyTab({
  view,
  classes,
  onClassesChange,
  onFixPayout,
}: {
  view: ReconcileView;
  classes: DiscrepancyClass[];
  onClassesChange: (classes: DiscrepancyClass[]) => void;
  onFixPayout: (statementId: string) => void;
}) {
  const { t } = useTranslation('settlements');
  const notify = useNotify('settlements');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Map<number, DiscrepancyView>>(() => new Map());
  const needle = useDeferredValue(search.trim());
  const earnings = useTaskEarningsSheet();

  // Positions belong to one reconciliation: new data start a new selection and page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the data change
  useEffect(() => {
    setSelected(new Map());
    setPage(1);
  }, [view]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts at page 1
  useEffect(() => setPage(1), [classes, needle]);

  const rows = useDiscrepancyPage({
    as_of: view.as_of,
    classes,
    search: needle,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const shown = rows.data?.rows ?? [];
  const total = rows.data?.total ?? 0;

  const match = useMemo(() => manualMatchOf([...selected.values()].map((r) => r.refs)), [selected]);

  const save = useMutation({
    mutationFn: decide,
    onSuccess: () => {
      notify.success((t) => t('list.manualMatched'));
      setSelected(new Map());
    },
    onError: (error) => notify.error((t) => t('decideFailed', { text: errorText(t, error) })),
  });

  const hint = match.ok ? t('list.hint.ok') : t(`list.hint.${match.problem}`);

  const columns = [
    {
      title: t('list.class'),
      dataIndex: 'class',
      width: 110,
      render: (_: unknown, r: DiscrepancyView) => <ClassTag code={r.class} />,
    },
    {
      // The ids stacked in one column, so the reason keeps the width it needs.
      title: t('list.ids'),
      dataIndex: 'ids',
      width: 210,
      render: (_: unknown, r: DiscrepancyView) => (
        <div className="discrepancy-ids">
          {(
            [
              ['taskId', r.task_id],
              ['statementId', r.statement_id],
              ['txnId', r.txn_id],
            ] as const
          )
            .filter(([, id]) => id !== '')
            .map(([label, id]) => (
              <div key={label}>
                <span className="discrepancy-ids__label">{t(`list.${label}`)}</span>{' '}
                <span className="mono">{id}</span>
              </div>
            ))}
        </div>
      ),
    },
    {
      title: t('list.date'),
      dataIndex: 'date',
      // "2026-08-12" on one line: at 104 px it broke after its second hyphen.
      width: 120,
      render: (_: unknown, r: DiscrepancyView) => <span className="amount-num">{r.date}</span>,
    },
    {
      title: t('list.amount'),
      dataIndex: 'amount',
      width: 112,
      align: 'right' as const,
      render: (_: unknown, r: DiscrepancyView) => (
        <span className="amount-num" data-testid="discrepancy-amount">
          {formatMoney(r.amount)}
        </span>
      ),
    },
    {
      title: t('list.reason'),
      dataIndex: 'reason',
      render: (_: unknown, r: DiscrepancyView) => (
        <span data-testid="discrepancy-reason">{reasonText(t, r.reason)}</span>
      ),
    },
    {
      title: t('list.actions'),
      dataIndex: 'actions',
      width: 120,
      render: (_: unknown, r: DiscrepancyView) =>
        r.class === 'payout_failed' ? (
          <Button
            size="small"
            type="danger"
            theme="light"
            icon={<IconWrench />}
            data-testid="fix-payout"
            onClick={() => onFixPayout(r.statement_id)}
          >
            {t('list.fixPayout')}
          </Button>
        ) : r.class === 'amount_mismatch' && r.task_id !== '' ? (
          <TaskEarningsOpener taskId={r.task_id} onOpen={earnings.open} />
        ) : null,
    },
  ];

  return (
    <div className="discrepancies">
      <div className="discrepancies__filters">
        <div data-testid="class-filter" className="class-filter">
          <CheckboxGroup
            direction="horizontal"
            value={classes}
            onChange={(v) => onClassesChange(v as DiscrepancyClass[])}
            aria-label={t('list.classFilter')}
          >
            {FILTER_CLASSES.map((cls) => (
              <Checkbox key={cls} value={cls} data-testid={`class-filter-${cls}`}>
                {classLabel(t, cls)}
                <span className="class-filter__count">{tallyOf(view.summary, cls).count}</span>
              </Checkbox>
            ))}
          </CheckboxGroup>
        </div>
        <IdSearch value={search} onChange={setSearch} testId="discrepancy-search" />
      </div>
      <div className="discrepancies__actions">
        <Tooltip content={hint} position="topLeft">
          <span className="discrepancies__match">
            <Button
              theme="solid"
              disabled={!match.ok || save.isPending}
              loading={save.isPending}
              data-testid="manual-match"
              onClick={() => {
                if (match.ok) save.mutate(match.input);
              }}
            >
              {t('list.manualMatch')}
            </Button>
          </span>
        </Tooltip>
        <Text type="tertiary" size="small" data-testid="manual-match-hint">
          {selected.size > 0 ? `${t('list.selected', { count: selected.size })} · ` : ''}
          {hint}
        </Text>
        {selected.size > 0 && (
          <Button size="small" theme="borderless" onClick={() => setSelected(new Map())}>
            {t('list.clearSelection')}
          </Button>
        )}
      </div>
      <div data-testid="discrepancy-list">
        <Table<DiscrepancyView>
          size="small"
          rowKey={(r) => String(r?.index)}
          columns={columns}
          dataSource={shown}
          loading={rows.isFetching && rows.isPlaceholderData}
          rowSelection={{
            selectedRowKeys: [...selected.keys()].map(String),
            // By row, not `onChange`: rows selected on another page or filter stay selected.
            onSelect: (r, on) => {
              if (r) setSelected((s) => toggle(s, [r], on === true));
            },
            onSelectAll: (on, _rows, changed) =>
              setSelected((s) => toggle(s, changed ?? [], on === true)),
          }}
          pagination={
            total > PAGE_SIZE
              ? {
                  currentPage: page,
                  pageSize: PAGE_SIZE,
                  total,
                  onPageChange: setPage,
                }
              : false
          }
          onRow={(r) => ({ 'data-testid': 'discrepancy-row', 'data-class': r?.class }) as never}
          empty={<PageEmpty page={rows} hasAny={view.rows_total > 0} none={t('list.empty')} />}
        />
      </div>
      {earnings.sheet}
    </div>
  );
}
