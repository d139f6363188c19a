import { Progress, Table, Tag, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { CycleMonthView, RewardBarView, RewardTrackerView } from '../../bindings';
import { formatCount, formatDecimal } from '../../shared/format';
import { codeOf, REWARD_CHANNELS, type RewardChannel } from './rightsText';

const { Title, Text } = Typography;

/** Plotting only: how far along a bar is. The figures shown keep core's strings. */
const ratio = (have: string, need: number): number =>
  need <= 0 ? 100 : Math.min(100, Math.floor((Number(have) / need) * 100));

/**
 * 奖励任务 (R-LEVEL-3): the cycle's months (a month with no order counts, as 0), the
 * averages over them, and each level's reward bar met or not.
 */
export function RewardSection({ reward }: { reward: RewardTrackerView }) {
  const { t } = useTranslation('rights');
  const better = codeOf(REWARD_CHANNELS, reward.better) ?? 'short_video';
  const plays = better === 'live' ? reward.avg_plays_live : reward.avg_plays_video;
  const columns = [
    { title: t('reward.month'), dataIndex: 'month' },
    {
      title: t('reward.orders'),
      dataIndex: 'orders',
      render: (n: number) => formatCount(n),
    },
    {
      title: t('reward.playsVideo'),
      dataIndex: 'avg_valid_plays_video',
      className: better === 'short_video' ? 'rts-counts' : undefined,
      render: (n: number) => formatCount(n),
    },
    {
      title: t('reward.playsLive'),
      dataIndex: 'avg_valid_plays_live',
      className: better === 'live' ? 'rts-counts' : undefined,
      render: (n: number) => formatCount(n),
    },
  ];
  return (
    <section className="rts-card rts-reward" data-testid="rights-reward">
      <header className="rts-card__head">
        <Title heading={6}>{t('reward.title')}</Title>
      </header>
      <Text type="tertiary" size="small">
        {t('reward.intro', { months: reward.cycle_months })}
      </Text>
      <Table<CycleMonthView>
        size="small"
        columns={columns}
        dataSource={reward.months}
        rowKey="month"
        pagination={false}
        empty={t('reward.noMonths')}
        onRow={(m) => ({ 'data-testid': `reward-month-${m?.month ?? ''}` }) as never}
      />
      <div className="rts-reward__avg" data-testid="reward-average">
        <Text>
          {t('reward.average', {
            orders: formatDecimal(reward.avg_orders),
            video: formatDecimal(reward.avg_plays_video),
            live: formatDecimal(reward.avg_plays_live),
          })}
        </Text>
        <Tag size="small" color="blue" data-testid="reward-better" data-channel={better}>
          {t('reward.counts', { channel: t(`reward.channels.${better}`) })}
        </Tag>
      </div>
      <ul className="rts-bars">
        {reward.bars.map((bar) => (
          <Bar key={bar.level} bar={bar} orders={reward.avg_orders} plays={plays} better={better} />
        ))}
      </ul>
    </section>
  );
}

function Bar({
  bar,
  orders,
  plays,
  better,
}: {
  bar: RewardBarView;
  orders: string;
  plays: string;
  better: RewardChannel;
}) {
  const { t } = useTranslation('rights');
  const stroke = (met: boolean) =>
    met ? 'var(--semi-color-success)' : 'var(--semi-color-warning)';
  return (
    <li
      className="rts-bar"
      data-testid={`reward-bar-${bar.level}`}
      data-met={bar.met ? 'true' : 'false'}
      data-channel={better}
    >
      <Text strong className="rts-bar__name">
        {t('reward.bar', { level: bar.level })}
      </Text>
      <div className="rts-bar__part" data-met={bar.orders_met ? 'true' : 'false'}>
        <Text size="small" type="tertiary">
          {t('reward.barOrders', { need: formatCount(bar.orders_per_month) })}
        </Text>
        <Progress
          percent={bar.orders_met ? 100 : Math.min(99, ratio(orders, bar.orders_per_month))}
          size="small"
          stroke={stroke(bar.orders_met)}
          aria-label={t('reward.barOrders', { need: formatCount(bar.orders_per_month) })}
        />
      </div>
      <div className="rts-bar__part" data-met={bar.plays_met ? 'true' : 'false'}>
        <Text size="small" type="tertiary">
          {t('reward.barPlays', { need: formatCount(bar.plays_above) })}
        </Text>
        <Progress
          percent={bar.plays_met ? 100 : Math.min(99, ratio(plays, bar.plays_above))}
          size="small"
          stroke={stroke(bar.plays_met)}
          aria-label={t('reward.barPlays', { need: formatCount(bar.plays_above) })}
        />
      </div>
      <Tag color={bar.met ? 'green' : 'grey'} data-testid={`reward-bar-${bar.level}-state`}>
        {t(bar.met ? 'reward.met' : 'reward.unmet')}
      </Tag>
    </li>
  );
}
