import { Tag, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { ForecastView, RequirementView } from '../../bindings';
import { chinaToday } from '../campaigns/dates';
import { daysBetween, monthDay, requirementValue } from './rightsText';

const { Title, Text } = Typography;

/**
 * 保级预测 (R-LEVEL-1): posts leave the 30-day window day by day; the day the count would
 * fall short of the level's floor with nothing new, and how many posts by then keep it.
 * Below, the level's other requirements that no longer hold or are close to the line.
 */
export function ForecastSection({ forecast: f }: { forecast: ForecastView }) {
  const { t } = useTranslation('rights');
  const dropping = f.drops_on !== null && f.posts_needed !== null && f.posts_needed > 0;
  return (
    <section className="rts-card rts-forecast" data-testid="rights-forecast">
      <header className="rts-card__head">
        <Title heading={6}>{t('forecast.title')}</Title>
      </header>
      {f.level === 0 ? (
        <Text type="tertiary" data-testid="forecast-none">
          {t('forecast.noLevel')}
        </Text>
      ) : dropping ? (
        <Keep forecast={f} />
      ) : (
        <Text type="success" data-testid="forecast-safe">
          {t('forecast.safe', { level: f.level })}
        </Text>
      )}
      {f.level > 0 && f.posts_floor !== null && (
        <Text type="tertiary" size="small" data-testid="forecast-posts">
          {t('forecast.posts', { count: f.posts_today, level: f.level, floor: f.posts_floor })}
        </Text>
      )}
      <Watch
        reqs={f.failing}
        hint={t('forecast.failingHint')}
        tag={t('forecast.failing')}
        color="red"
        kind="failing"
      />
      <Watch
        reqs={f.near}
        hint={t('forecast.nearHint')}
        tag={t('forecast.near')}
        color="orange"
        kind="near"
      />
    </section>
  );
}

function Keep({ forecast: f }: { forecast: ForecastView }) {
  const { t } = useTranslation('rights');
  const dropsOn = f.drops_on ?? '';
  const left = daysBetween(chinaToday(), dropsOn);
  return (
    <div className="rts-forecast__keep" data-testid="forecast-keep" data-drops-on={dropsOn}>
      <Text strong data-testid="forecast-sentence">
        {t('forecast.keep', {
          count: f.posts_needed ?? 0,
          date: monthDay(dropsOn),
          level: f.level,
        })}
      </Text>
      <Tag color={left <= 3 ? 'red' : 'orange'} data-testid="forecast-days-left">
        {left <= 0 ? t('forecast.today') : t('forecast.daysLeft', { count: left })}
      </Tag>
      {f.posts_floor !== null && (
        <Text type="tertiary" size="small" className="rts-forecast__why" data-testid="forecast-why">
          {t('forecast.why', {
            count: Math.max(0, f.posts_floor - (f.posts_needed ?? 0)),
            date: monthDay(dropsOn),
          })}
        </Text>
      )}
    </div>
  );
}

function Watch({
  reqs,
  hint,
  tag,
  color,
  kind,
}: {
  reqs: RequirementView[];
  hint: string;
  tag: string;
  color: 'red' | 'orange';
  kind: 'failing' | 'near';
}) {
  const { t } = useTranslation('rights');
  if (reqs.length === 0) return null;
  return (
    <div className="rts-watch">
      <Text type="tertiary" size="small">
        {hint}
      </Text>
      <ul className="rts-watch__list">
        {reqs.map((r) => (
          <li key={r.item} data-testid={`forecast-${kind}-${r.item}`}>
            <Tag color={color} size="small">
              {tag}
            </Tag>
            <Text>{t(`items.${r.item}`)}</Text>
            <Text type="tertiary">{requirementValue(r)}</Text>
          </li>
        ))}
      </ul>
    </div>
  );
}
