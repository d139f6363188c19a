import { IconArrowDown, IconArrowUp } from '@douyinfe/semi-icons';
import { Empty, Typography } from '@douyinfe/semi-ui';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StarIndexView } from '../../bindings';
import { EChart } from '../../shared/EChart';
import { errorText } from '../../shared/errors';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { STAR_INDEX_DAYS, useStarIndex } from './queries';
import { formatChange, formatIndex, trendOf } from './rightsText';
import { STAR_INDEX_FIELDS, starIndexChartOption } from './starIndexChart';

const { Title, Text } = Typography;

/** 星图指数 (R-LEVEL-9): the last 90 days of the index and its five sub-indices, and the
 * latest values with their change from the day before. */
export function StarIndexSection() {
  const { t } = useTranslation(['rights', 'common']);
  const index = useStarIndex(STAR_INDEX_DAYS);
  return (
    <section className="rts-card rts-star" data-testid="rights-star-index">
      <header className="rts-card__head">
        <Title heading={6}>{t('starIndex.title')}</Title>
      </header>
      <Text type="tertiary" size="small">
        {t('starIndex.intro')}
      </Text>
      <QueryView
        query={index}
        pending={<Loading className="rts-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('starIndex.loadFailed', { text: errorText(t, error) })}
            onRetry={retry}
          />
        )}
        isEmpty={(v) => v.points.length === 0}
        empty={<Empty title={t('starIndex.empty')} data-testid="star-index-empty" />}
      >
        {(v) => <Chart view={v} />}
      </QueryView>
    </section>
  );
}

function Chart({ view }: { view: StarIndexView }) {
  const { t, i18n } = useTranslation('rights');
  // The legend and tooltip follow the language.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `t` changes with the language
  const option = useMemo(
    () => starIndexChartOption(view.points, t),
    [view.points, t, i18n.language],
  );
  const latest = view.points.at(-1);
  return (
    <>
      {latest !== undefined && (
        <ul className="rts-star__latest" data-testid="star-latest" data-day={latest.day}>
          {STAR_INDEX_FIELDS.map((field) => {
            const change = view.change?.[field] ?? null;
            const trend = change === null ? null : trendOf(change);
            return (
              <li
                key={field}
                className={field === 'index' ? 'rts-star__value is-main' : 'rts-star__value'}
                data-testid={`star-latest-${field}`}
                data-trend={trend ?? undefined}
              >
                <Text type="tertiary" size="small">
                  {t(`starIndex.fields.${field}`)}
                </Text>
                <Text strong className="rts-star__number">
                  {formatIndex(latest[field])}
                </Text>
                {change !== null && trend !== null && (
                  <span
                    className={`rts-trend is-${trend}`}
                    title={t('starIndex.change')}
                    data-testid={`star-change-${field}`}
                  >
                    {trend === 'up' && <IconArrowUp size="small" />}
                    {trend === 'down' && <IconArrowDown size="small" />}
                    {formatChange(change)}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div
        className="rts-star__chart"
        data-testid="star-index-chart"
        data-points={view.points.length}
      >
        <EChart option={option} className="rts-star__canvas" />
      </div>
    </>
  );
}
