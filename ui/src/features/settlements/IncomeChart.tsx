import { Banner, Spin, Typography } from '@douyinfe/semi-ui';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { EChart } from './EChart';
import { incomeChartOption, partialMonths } from './incomeChart';
import { useMonthlyIncome } from './queries';

const { Title, Text } = Typography;

/** 月度收入: gross, fees and tax as bars, the net paid as a line. */
export function IncomeChart() {
  const { t, i18n } = useTranslation('settlements');
  const income = useMonthlyIncome();
  const months = income.data;
  // The legend and tooltip follow the language.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `t` changes with the language
  const option = useMemo(
    () => (months ? incomeChartOption(months, t) : null),
    [months, t, i18n.language],
  );
  const partial = months ? partialMonths(months) : [];

  let body: ReactNode;
  if (income.isPending) {
    body = <Spin />;
  } else if (income.isError) {
    body = <Text type="danger">{errorText(t, income.error)}</Text>;
  } else if (months === undefined || months.length === 0 || option === null) {
    body = <Text type="tertiary">{t('chart.empty')}</Text>;
  } else {
    body = (
      <>
        <EChart option={option} className="income-chart__canvas" />
        {partial.length > 0 && (
          <div data-testid="income-partial">
            <Banner
              type="info"
              closeIcon={null}
              description={t('chart.partial', { months: partial.join('、') })}
            />
          </div>
        )}
      </>
    );
  }

  return (
    <section className="settle-section income-chart" data-testid="income-chart">
      <Title heading={6} className="settle-section__title">
        {t('chart.title')}
      </Title>
      {body}
    </section>
  );
}
