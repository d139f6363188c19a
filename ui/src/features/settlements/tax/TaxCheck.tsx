import { Button, Radio, RadioGroup, Table, Tag, Typography } from '@douyinfe/semi-ui';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaxCheckView, TaxMonth, TaxVerdict } from '../../../bindings';
import { errorText } from '../../../shared/errors';
import { formatMoney, signedMoney } from '../../../shared/format';
import { InlineFailure, QueryView } from '../../../shared/QueryView';
import { useTaxCheck } from '../queries';
import { taxOutcomeText, taxWorkingText } from './taxText';

const { Title, Text } = Typography;

const VERDICT_COLOR = {
  exact: 'green',
  over_withheld: 'red',
  under_withheld: 'orange',
  not_stated: 'grey',
} as const satisfies Record<TaxVerdict, string>;

/** The difference's colour: money taken in excess in red, too little in amber. */
const DIFFERENCE_TYPE = {
  exact: undefined,
  over_withheld: 'danger',
  under_withheld: 'warning',
  not_stated: 'tertiary',
} as const satisfies Record<TaxVerdict, 'danger' | 'warning' | 'tertiary' | undefined>;

/** A difference as the table shows amounts, with its sign: "+¥1,442.00", "-¥34.00". */
function formatDifference(amount: string): string {
  return signedMoney(amount).startsWith('+') ? `+${formatMoney(amount)}` : formatMoney(amount);
}

/** The year the selector shows for "every year". */
const ALL = 'all';

/** 个税核对: month by month, what the platform withheld against what StarDesk computes. */
export function TaxCheck() {
  const { t } = useTranslation('settlements');
  const [year, setYear] = useState<number | null>(null);
  const check = useTaxCheck(year);

  return (
    <section className="settle-section tax-check" data-testid="tax-check">
      <Title heading={6} className="settle-section__title">
        {t('tax.title')}
      </Title>
      <QueryView
        query={check}
        error={(error, retry) => (
          // The year picker is in the view that failed: a way back to every year.
          <InlineFailure text={errorText(t, error)} onRetry={retry} testId="tax-check-failed">
            {year !== null && (
              <Button size="small" theme="borderless" onClick={() => setYear(null)}>
                {t('tax.allYears')}
              </Button>
            )}
          </InlineFailure>
        )}
        isEmpty={(v) => v.years.length === 0}
        empty={
          <Text type="tertiary" data-testid="tax-check-empty">
            {t('tax.empty')}
          </Text>
        }
      >
        {(v) => <TaxMonths view={v} year={year} onYear={setYear} />}
      </QueryView>
    </section>
  );
}

function TaxMonths({
  view,
  year,
  onYear,
}: {
  view: TaxCheckView;
  year: number | null;
  onYear: (year: number | null) => void;
}) {
  const { t } = useTranslation('settlements');
  const rows = useMemo(() => view.months.map((m) => ({ key: m.month, month: m })), [view.months]);
  const from = view.cumulative_from;
  const money = (render: (m: TaxMonth) => string) => ({
    align: 'right' as const,
    width: 120,
    render: (_: unknown, { month: m }: { month: TaxMonth }) => (
      <span className="amount-num">{formatMoney(render(m))}</span>
    ),
  });

  const columns = [
    { title: t('tax.month'), dataIndex: 'key', width: 90 },
    { title: t('tax.income'), dataIndex: 'income', ...money((m) => m.income) },
    { title: t('tax.withheld'), dataIndex: 'withheld', ...money((m) => m.withheld) },
    { title: t('tax.expected'), dataIndex: 'expected', ...money((m) => m.expected) },
    {
      title: t('tax.difference'),
      dataIndex: 'difference',
      align: 'right' as const,
      width: 120,
      render: (_: unknown, { month: m }: { month: TaxMonth }) => (
        <Text
          className="amount-num"
          type={DIFFERENCE_TYPE[m.explanation.verdict]}
          strong={m.explanation.verdict !== 'exact'}
          data-testid="tax-difference"
        >
          {formatDifference(m.difference)}
        </Text>
      ),
    },
    {
      title: t('tax.explanation'),
      dataIndex: 'explanation',
      render: (_: unknown, { month: m }: { month: TaxMonth }) => (
        <div className="tax-check__why">
          <Tag size="small" type="light" color={VERDICT_COLOR[m.explanation.verdict]}>
            {t(`tax.verdict.${m.explanation.verdict}`)}
          </Tag>
          <span data-testid="tax-outcome">{taxOutcomeText(t, m)}</span>
          <Text type="tertiary" size="small" data-testid="tax-working">
            {taxWorkingText(t, m.explanation.working, from)}
          </Text>
        </div>
      ),
    },
  ];

  return (
    <div className="tax-check__body">
      <Text type="tertiary" size="small">
        {t('tax.intro', { from })}
      </Text>
      <div className="tax-check__years" data-testid="tax-year">
        <Text strong>{t('tax.year')}</Text>
        <RadioGroup
          type="button"
          value={year === null ? ALL : String(year)}
          onChange={(e) => onYear(e.target.value === ALL ? null : Number(e.target.value))}
        >
          <Radio value={ALL}>{t('tax.allYears')}</Radio>
          {view.years.map((y) => (
            <Radio key={y} value={String(y)}>
              {y}
            </Radio>
          ))}
        </RadioGroup>
      </div>
      <Table
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        onRow={(r) =>
          ({
            'data-testid': 'tax-row',
            'data-month': r?.month.month,
            'data-verdict': r?.month.explanation.verdict,
          }) as never
        }
      />
      <Text data-testid="tax-totals">
        {t('tax.totals', {
          income: formatMoney(view.totals.income),
          withheld: formatMoney(view.totals.withheld),
          expected: formatMoney(view.totals.expected),
          difference: formatDifference(view.totals.difference),
        })}
      </Text>
    </div>
  );
}
