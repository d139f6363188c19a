import { Banner, Typography } from '@douyinfe/semi-ui';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthIncome } from '../../bindings';
import { EChart } from '../../shared/EChart';
import { errorText } from '../../shared/errors';
import { InlineFailure, QueryView } from '../../shared/QueryView';
import { incomeChartOption, partialMonths } from './incomeChart';
import { useMonthlyIncome } from './queries';

const { Title, Text } = Typography;

/** 月度收入: gross, fees and tax as bars, the net paid as a line. */
export function IncomeChart() {
  const { t } = useTranslation('settlements');
  const income = useMonthlyIncome();

  return (
    <section className="settle-section income-chart" data-testid="income-chart">
      <Title heading={6} className="settle-section__title">
        {t('chart.title')}
      </Title>
      <QueryView
        query={income}
        error={(error, retry) => (
          <InlineFailure text={errorText(t, error)} onRetry={retry} testId="income-failed" />
        )}
        isEmpty={(months) => months.length === 0}
        empty={<Text type="tertiary">{t('chart.empty')}</Text>}
      >
        {(months) => <MonthsChart months={months} />}
      </QueryView>
    </section>
  );
}

function MonthsChart({ months }: { months: MonthIncome[] }) {
  const { t, i18n } = useTranslation('settlements');
  // The legend and tooltip follow the language.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `t` changes with the language
  const option = useMemo(() => incomeChartOption(months, t), [months, t, i18n.language]);
  const partial = partialMonths(months);
  return (
    <>
      <EChart option={option} className="income-chart__canvas" />
      {partial.length > 0 && (
        <div data-testid="income-partial">
          <Banner
            type="info"
            closeIcon={null}
            description={t('chart.partial', { months: partial.join(t('listSeparator')) })}
          />
        </div>
      )}
    </>
  );
}
