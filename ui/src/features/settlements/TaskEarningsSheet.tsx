import { IconCoinMoneyStroked } from '@douyinfe/semi-icons';
import { Banner, Button, SideSheet, Tag, Typography } from '@douyinfe/semi-ui';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EarningSteps, PaidLine, TaskEarning, TaskEarningsView } from '../../bindings';
import type { TFor } from '../../i18n';
import { errorText } from '../../shared/errors';
import { formatMoney, isZeroAmount, plainMoney, signedMoney } from '../../shared/format';
import { QueryView } from '../../shared/QueryView';
import { ClassTag } from './ClassTag';
import { useTaskEarnings } from './queries';
import { taxWorkingText } from './tax/taxText';

const { Text, Title } = Typography;

/**
 * The drawer and its opener for a tab: `open(taskId)` shows 任务收益明细 for that task;
 * mount `sheet` once in the tab.
 */
export function useTaskEarningsSheet(): { open: (taskId: string) => void; sheet: ReactNode } {
  const [taskId, setTaskId] = useState<string | null>(null);
  return {
    open: setTaskId,
    sheet: <TaskEarningsSheet taskId={taskId} onClose={() => setTaskId(null)} />,
  };
}

/**
 * The small button that opens a task's earnings: the task id itself (`label`), or an icon
 * and 收益明细.
 */
export function TaskEarningsOpener({
  taskId,
  label,
  onOpen,
}: {
  taskId: string;
  label?: string;
  onOpen: (taskId: string) => void;
}) {
  const { t } = useTranslation('settlements');
  return (
    <Button
      size="small"
      theme="borderless"
      icon={label === undefined ? <IconCoinMoneyStroked /> : undefined}
      aria-label={t('earnings.openTask', { taskId })}
      data-testid="task-earnings-open"
      onClick={() => onOpen(taskId)}
    >
      <span className={label === undefined ? undefined : 'mono'}>
        {label ?? t('earnings.open')}
      </span>
    </Button>
  );
}

/** 任务收益明细: gross → fees → tax → net as StarDesk computes it, beside what was paid. */
export function TaskEarningsSheet({
  taskId,
  onClose,
}: {
  taskId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('settlements');
  const earnings = useTaskEarnings(taskId);
  return (
    <SideSheet
      visible={taskId !== null}
      onCancel={onClose}
      width={620}
      title={t('earnings.title', { taskId: taskId ?? '' })}
    >
      <div className="task-earnings" data-testid="task-earnings">
        {taskId !== null && (
          <QueryView
            query={earnings}
            error={(error) => (
              <Text type="danger" data-testid="task-earnings-error">
                {t('earnings.loadFailed', { text: errorText(t, error) })}
              </Text>
            )}
          >
            {(view) => <EarningsBody view={view} />}
          </QueryView>
        )}
      </div>
    </SideSheet>
  );
}

function EarningsBody({ view }: { view: TaskEarningsView }) {
  const { t } = useTranslation('settlements');
  return (
    <>
      {view.earnings.map((e) => (
        <Earning key={e.expected_key} earning={e} cumulativeFrom={view.cumulative_from} />
      ))}
      {view.other_lines.length > 0 && (
        <section className="task-earnings__section" data-testid="task-earnings-other">
          <Title heading={6}>{t('earnings.otherLines')}</Title>
          {view.other_lines.map((line) => (
            <PaidBy key={line.statement_key} line={line} withNet />
          ))}
        </section>
      )}
    </>
  );
}

/** A cell's amount: the figure, or 未列出 / 未知 when there is none. */
function money(t: TFor<'settlements'>, amount: string | null, missing: 'notStated' | 'unknown') {
  return amount === null ? (
    <Text type="tertiary">{t(`earnings.${missing}`)}</Text>
  ) : (
    formatMoney(amount)
  );
}

function Earning({ earning: e, cumulativeFrom }: { earning: TaskEarning; cumulativeFrom: string }) {
  const { t } = useTranslation('settlements');
  const steps = e.steps;
  const paid = e.paid;
  // The rules' net when it is not the line's: shown on a row of its own.
  const ruleNet = steps !== null && !steps.agrees ? steps.net : null;
  const paidCell = (amount: string | null | undefined) =>
    paid === null ? '' : money(t, amount ?? null, 'notStated');

  const rows: { key: string; label: string; expected: ReactNode; paid: ReactNode }[] = [
    {
      key: 'gross',
      label: t('earnings.gross'),
      expected: money(t, e.gross, 'unknown'),
      paid: paidCell(paid?.gross),
    },
    ...(steps?.fees ?? []).map((fee) => ({
      key: `fee-${fee.kind}`,
      label: t('earnings.feeLine', {
        fee: t(`earnings.fee.${fee.kind}`),
        rate: fee.rate_percent,
        rule: fee.rule,
      }),
      expected: formatMoney(fee.amount),
      paid: '',
    })),
    {
      key: 'fee',
      label: t('earnings.feeTotal'),
      expected: money(t, e.fee, 'unknown'),
      paid: paidCell(paid?.fee),
    },
    {
      key: 'taxable',
      label: t('earnings.taxable'),
      expected: money(t, steps?.taxable_income ?? null, 'unknown'),
      paid: '',
    },
    {
      key: 'tax',
      label: t('earnings.tax'),
      expected: money(t, e.tax, 'unknown'),
      paid: paidCell(paid?.tax),
    },
    {
      key: 'net',
      label: ruleNet === null ? t('earnings.net') : t('earnings.netStated'),
      expected: formatMoney(e.net_expected),
      paid: paid === null ? '' : formatMoney(paid.net),
    },
    // The rows above the net are StarDesk's working when the line states its net only, so
    // a net that the rules do not reach gets its own row: the column never shows a figure
    // that its own rows do not add up to without saying so.
    ...(ruleNet === null
      ? []
      : [
          {
            key: 'rule-net',
            label: t('earnings.ruleNet'),
            expected: formatMoney(ruleNet),
            paid: '',
          },
        ]),
  ];

  return (
    <section className="task-earnings__section" data-testid="task-earning">
      <div className="task-earnings__head">
        <Text strong>{t('earnings.line')}</Text>
        <Text type="tertiary" size="small">
          {e.due_date === null ? t('earnings.noDue') : t('earnings.due', { date: e.due_date })}
        </Text>
        {paid === null ? (
          <Tag size="small" type="light" color="orange">
            {t('earnings.notPaidTag')}
          </Tag>
        ) : (
          <ClassTag code={paid.class} />
        )}
      </div>
      <Text type="tertiary" size="small" data-testid="task-earnings-source">
        {e.components === 'computed' && steps !== null
          ? t('earnings.source.computed', { from: t(`earnings.grossFrom.${steps.gross_from}`) })
          : t(`earnings.source.${e.components}`)}
      </Text>
      {e.missing !== null && (
        <Banner
          type="info"
          closeIcon={null}
          data-testid="task-earnings-unknown"
          description={t(`earnings.missing.${e.missing}`)}
        />
      )}
      <table className="task-earnings__waterfall" data-testid="task-earnings-waterfall">
        <thead>
          <tr>
            <th>{t('earnings.item')}</th>
            <th>{t('earnings.expected')}</th>
            <th>{t('earnings.paid')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.key}
              data-testid={`earnings-row-${r.key}`}
              className={
                r.key === 'net'
                  ? 'task-earnings__net'
                  : r.key.startsWith('fee-') || r.key === 'rule-net'
                    ? 'task-earnings__fee'
                    : undefined
              }
            >
              <td>{r.label}</td>
              <td className="amount-num">{r.expected}</td>
              <td className="amount-num">{r.paid}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Difference earning={e} />
      {steps !== null && <Working steps={steps} cumulativeFrom={cumulativeFrom} earning={e} />}
      {paid === null ? (
        <Text type="tertiary" size="small">
          {t('earnings.notPaid')}
        </Text>
      ) : (
        <PaidBy line={paid} />
      )}
    </section>
  );
}

/** Paid − expected, highlighted: green when nothing is missing, red otherwise. */
function Difference({ earning: e }: { earning: TaskEarning }) {
  const { t } = useTranslation('settlements');
  if (e.difference === null) {
    return (
      <Text type="tertiary" size="small" data-testid="task-earnings-difference">
        {t('earnings.noDifference')}
      </Text>
    );
  }
  const zero = isZeroAmount(e.difference);
  return (
    <div
      className={`task-earnings__difference ${zero ? 'is-zero' : 'is-off'}`}
      data-testid="task-earnings-difference"
      data-zero={zero}
    >
      <Text strong>{t('earnings.difference')}</Text>
      <Text strong type={zero ? 'success' : 'danger'} className="amount-num">
        {signedMoney(e.difference).startsWith('+')
          ? `+${formatMoney(e.difference)}`
          : formatMoney(e.difference)}
      </Text>
    </div>
  );
}

/** How the kinds, the fees and the tax were reached. */
function Working({
  steps,
  cumulativeFrom,
  earning: e,
}: {
  steps: EarningSteps;
  cumulativeFrom: string;
  earning: TaskEarning;
}) {
  const { t } = useTranslation('settlements');
  const share = steps.tax_share;
  return (
    <div className="task-earnings__working">
      {!steps.agrees && (
        <Banner
          type="warning"
          closeIcon={null}
          data-testid="task-earnings-disagree"
          description={t('earnings.disagree', {
            net: plainMoney(steps.net),
            fee: plainMoney(steps.fee_total),
            tax: plainMoney(steps.tax),
            expected: plainMoney(e.net_expected),
          })}
        />
      )}
      <Text type="tertiary" size="small" data-testid="task-earnings-kinds">
        {t(`earnings.kinds.${steps.kinds_from}`, {
          order: t(`earnings.order.${steps.order}`),
          creator: t(`earnings.creator.${steps.creator}`),
        })}
      </Text>
      <Text strong size="small">
        {t('earnings.taxTitle')}
      </Text>
      <Text size="small" data-testid="task-earnings-tax">
        {share === null
          ? t('earnings.noTax')
          : [
              taxWorkingText(t, share.working, cumulativeFrom),
              t('earnings.taxShare', {
                month: share.month,
                monthIncome: plainMoney(share.month_income),
                monthTax: plainMoney(share.month_tax),
                income: plainMoney(share.income),
                tax: plainMoney(steps.tax),
              }),
              share.month_lines_without_gross > 0
                ? t('earnings.taxWithoutGross', { count: share.month_lines_without_gross })
                : '',
            ].join('')}
      </Text>
    </div>
  );
}

/** The statement line, and the bank credit(s) that paid it. */
function PaidBy({ line, withNet = false }: { line: PaidLine; withNet?: boolean }) {
  const { t } = useTranslation('settlements');
  return (
    <div className="task-earnings__paid" data-testid="task-earnings-paid">
      <div className="task-earnings__head">
        {withNet && <ClassTag code={line.class} />}
        <Text size="small">
          {t('earnings.paidBy', { statementId: line.statement_id, date: line.date })}
        </Text>
        {withNet && <Text className="amount-num">{formatMoney(line.net)}</Text>}
        {line.failed && (
          <Text type="danger" size="small">
            {t('earnings.failed')}
          </Text>
        )}
      </div>
      {line.credits.length === 0 ? (
        !line.failed && (
          <Text type="tertiary" size="small">
            {t('earnings.noCredit')}
          </Text>
        )
      ) : (
        <>
          {line.credits.map((c) => (
            <Text key={c.bank_key} size="small" data-testid="task-earnings-credit">
              {t('earnings.credit', {
                txnId: c.txn_id,
                date: c.date,
                amount: formatMoney(c.amount),
              })}
            </Text>
          ))}
          {line.credit_lines > 1 && (
            <Text type="tertiary" size="small">
              {t('earnings.creditShared', { lines: line.credit_lines })}
            </Text>
          )}
        </>
      )}
    </div>
  );
}
