import type { TaskRow } from '../../bindings';
import type { TFor } from '../../i18n';
import { formatMoney, formatMoneyShort } from '../../shared/format';

export interface RewardText {
  /** The headline: "¥1,288.50", "¥0–¥1,000", "样品 ¥299". */
  amount: string;
  /** What the creator keeps of the highest reward (R-PREF-3), if there is cash. */
  net: string | null;
  /** The sample that comes on top of a cash reward. */
  sample: string | null;
}

/** How a task-hall row states its reward; amounts stay strings all the way. */
export function rewardText(row: TaskRow, t: TFor<'taskHall'>): RewardText {
  const sample = row.sample_value;
  if (row.reward_kind === 'sample_only' || row.reward_max === null) {
    return {
      amount:
        sample === null
          ? t('row.sampleOnly')
          : t('row.sample', { value: formatMoneyShort(sample) }),
      net: null,
      sample: null,
    };
  }
  const max = row.reward_max;
  const min = row.reward_min ?? max;
  const amount =
    row.reward_kind === 'fixed'
      ? formatMoney(max)
      : min === max
        ? formatMoneyShort(max)
        : `${formatMoneyShort(min)}–${formatMoneyShort(max)}`;
  const net =
    row.net_max === null
      ? null
      : t(row.reward_kind === 'fixed' || min === max ? 'row.net' : 'row.netUpTo', {
          value: formatMoney(row.net_max),
        });
  return {
    amount,
    net,
    sample: sample === null ? null : t('row.plusSample', { value: formatMoneyShort(sample) }),
  };
}

/** The lines under a row's amount: the net, or without cash the sample; then the sample
 *  that comes on top of cash, when there is both. */
export function rewardLines(reward: RewardText): { first: string; second: string | null } {
  return {
    first: reward.net ?? reward.sample ?? '',
    second: reward.net !== null && reward.sample !== null ? reward.sample : null,
  };
}
