import { IconSearch, IconWrench } from '@douyinfe/semi-icons';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Empty,
  Input,
  Table,
  Tooltip,
  Typography,
} from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscrepancyView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatMoney } from '../../shared/format';
import { decide } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { ClassTag } from './ClassTag';
import { classLabel } from './labels';
import { type DiscrepancyClass, FILTER_CLASSES, isDiscrepancyClass, manualMatchOf } from './model';
import { reasonText } from './reasonText';
import { TaskEarningsOpener, useTaskEarningsSheet } from './TaskEarningsSheet';

const { Text } = Typography;

export const PAGE_SIZE = 50;

interface Row {
  key: string;
  view: DiscrepancyView;
}

function matchesSearch(view: DiscrepancyView, needle: string): boolean {
  if (needle === '') return true;
  const { task_id, statement_id, txn_id } = view;
  return [task_id, statement_id, txn_id].some((id) => id.toLowerCase().includes(needle));
}

function toggle(selected: string[], keys: string[], on: boolean): string[] {
  const next = new Set(selected);
  for (const k of keys) {
    if (on) next.add(k);
    else next.delete(k);
  }
  return [...next];
}

/** 需核对: every discrepancy, filterable by class and id, selectable to match by hand. */
export function DiscrepancyTab({
  rows,
  classes,
  onClassesChange,
  onFixPayout,
}: {
  rows: DiscrepancyView[];
  classes: DiscrepancyClass[];
  onClassesChange: (classes: DiscrepancyClass[]) => void;
  onFixPayout: (statementId: string) => void;
}) {
  const { t } = useTranslation('settlements');
  const notify = useNotify();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const needle = useDeferredValue(search.trim().toLowerCase());
  const earnings = useTaskEarningsSheet();

  // Keys are positions in this reconciliation: a new one starts a new selection.
  const all = useMemo<Row[]>(() => rows.map((view, i) => ({ key: String(i), view })), [rows]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the rows change
  useEffect(() => setSelected([]), [all]);

  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const view of rows) c.set(view.class, (c.get(view.class) ?? 0) + 1);
    return c;
  }, [rows]);

  const shown = useMemo(
    () =>
      all.filter(
        (r) =>
          (classes.length === 0 ||
            (isDiscrepancyClass(r.view.class) && classes.includes(r.view.class))) &&
          matchesSearch(r.view, needle),
      ),
    [all, classes, needle],
  );

  const match = useMemo(() => {
    const chosen = new Set(selected);
    return manualMatchOf(all.filter((r) => chosen.has(r.key)).map((r) => r.view.refs));
  }, [all, selected]);

  const save = useMutation({
    mutationFn: decide,
    onSuccess: () => {
      notify.success(t('list.manualMatched'));
      setSelected([]);
    },
    onError: (error) => notify.error(t('decideFailed', { text: errorText(t, error) })),
  });

  const hint = match.ok ? t('list.hint.ok') : t(`list.hint.${match.problem}`);

  const columns = [
    {
      title: t('list.class'),
      dataIndex: 'class',
      width: 110,
      render: (_: unknown, r: Row) => <ClassTag code={r.view.class} />,
    },
    {
      // The ids stacked in one column, so the reason keeps the width it needs.
      title: t('list.ids'),
      dataIndex: 'ids',
      width: 210,
      render: (_: unknown, r: Row) => (
        <div className="discrepancy-ids">
          {(
            [
              ['taskId', r.view.task_id],
              ['statementId', r.view.statement_id],
              ['txnId', r.view.txn_id],
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
      width: 104,
      render: (_: unknown, r: Row) => r.view.date,
    },
    {
      title: t('list.amount'),
      dataIndex: 'amount',
      width: 112,
      align: 'right' as const,
      render: (_: unknown, r: Row) => (
        <span className="amount-num" data-testid="discrepancy-amount">
          {formatMoney(r.view.amount)}
        </span>
      ),
    },
    {
      title: t('list.reason'),
      dataIndex: 'reason',
      render: (_: unknown, r: Row) => (
        <span data-testid="discrepancy-reason">{reasonText(t, r.view.reason)}</span>
      ),
    },
    {
      title: t('list.actions'),
      dataIndex: 'actions',
      width: 120,
      render: (_: unknown, r: Row) =>
        r.view.class === 'payout_failed' ? (
          <Button
            size="small"
            type="danger"
            theme="light"
            icon={<IconWrench />}
            data-testid="fix-payout"
            onClick={() => onFixPayout(r.view.statement_id)}
          >
            {t('list.fixPayout')}
          </Button>
        ) : r.view.class === 'amount_mismatch' && r.view.task_id !== '' ? (
          <TaskEarningsOpener taskId={r.view.task_id} onOpen={earnings.open} />
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
                <span className="class-filter__count">{counts.get(cls) ?? 0}</span>
              </Checkbox>
            ))}
          </CheckboxGroup>
        </div>
        <Input
          className="discrepancies__search"
          prefix={<IconSearch />}
          showClear
          value={search}
          onChange={setSearch}
          placeholder={t('list.search')}
          data-testid="discrepancy-search"
        />
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
          {selected.length > 0 ? `${t('list.selected', { count: selected.length })} · ` : ''}
          {hint}
        </Text>
        {selected.length > 0 && (
          <Button size="small" theme="borderless" onClick={() => setSelected([])}>
            {t('list.clearSelection')}
          </Button>
        )}
      </div>
      <div data-testid="discrepancy-list">
        <Table<Row>
          size="small"
          rowKey="key"
          columns={columns}
          dataSource={shown}
          rowSelection={{
            selectedRowKeys: selected,
            // By row, not `onChange`: rows selected under another filter stay selected.
            onSelect: (r, on) => {
              if (r) setSelected((s) => toggle(s, [r.key], on === true));
            },
            onSelectAll: (on, _rows, changed) =>
              setSelected((s) =>
                toggle(
                  s,
                  (changed ?? []).map((r) => r.key),
                  on === true,
                ),
              ),
          }}
          pagination={shown.length > PAGE_SIZE ? { pageSize: PAGE_SIZE } : false}
          onRow={(r) =>
            ({ 'data-testid': 'discrepancy-row', 'data-class': r?.view.class }) as never
          }
          empty={<Empty description={rows.length === 0 ? t('list.empty') : t('list.noResults')} />}
        />
      </div>
      {earnings.sheet}
    </div>
  );
}
