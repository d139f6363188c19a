import { InputNumber, Typography } from '@douyinfe/semi-ui';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '../../bindings';
import { errorCodeText } from '../../shared/errors';
import { formatMoney, isZeroAmount } from '../../shared/format';
import { useDebouncedValue } from '../../shared/useDebouncedValue';
import { measureOf, rewardMeasure } from './applyForm';
import { netText } from './applyText';
import { useRewardAt } from './queries';

const { Text } = Typography;

/** How long typing must pause before core is asked for the reward. */
const REWARD_DELAY_MS = 300;

/**
 * 报酬预估: what the creator takes home on the highest reward (core's R-PREF-3 case for this
 * creator), and what the scheme pays at the valid plays (R-REVIEW-5) or the rank
 * (R-REVIEW-6) the creator expects — core's `reward_at`, never worked out here.
 */
export function RewardPreview({ detail }: { detail: TaskDetail }) {
  const { t } = useTranslation(['apply', 'taskHall', 'common']);
  const id = useId();
  const by = measureOf(detail.reward);
  const [entered, setEntered] = useState<number | null>(null);
  const settled = useDebouncedValue(entered, REWARD_DELAY_MS);
  const measure = by === null ? null : rewardMeasure(by, settled);
  const reward = useRewardAt(detail.row.id, measure);

  let result: string | null = null;
  if (detail.reward.kind === 'fixed') {
    result = t('reward.fixed', { amount: formatMoney(detail.reward.amount) });
  } else if (detail.reward.kind === 'sample_only') {
    result = t('reward.sampleOnly');
  } else if (reward.isError) {
    result = t('reward.failed', { text: errorCodeText(t, reward.error) });
  } else if (measure !== null && typeof reward.data === 'string') {
    result = isZeroAmount(reward.data)
      ? t('reward.nothing')
      : t('reward.at', { amount: formatMoney(reward.data) });
  }

  return (
    <section className="apply-section" aria-labelledby={`${id}-title`}>
      <h4 className="detail-section__title" id={`${id}-title`}>
        {t('reward.title')}
      </h4>
      <Text size="small" data-testid="apply-net">
        {netText(detail.net, t)}
      </Text>
      {by !== null && (
        <div className="apply-reward">
          <label className="apply-field__label" htmlFor={id}>
            {t(by === 'plays' ? 'reward.plays' : 'reward.rank')}
          </label>
          <InputNumber
            id={id}
            className="apply-reward__input"
            min={by === 'plays' ? 0 : 1}
            precision={0}
            value={entered ?? ''}
            placeholder={t(by === 'plays' ? 'reward.playsPlaceholder' : 'reward.rankPlaceholder')}
            onChange={(v) => setEntered(typeof v === 'number' ? v : null)}
            data-testid={by === 'plays' ? 'apply-plays' : 'apply-rank'}
          />
        </div>
      )}
      {result !== null && (
        <Text
          strong
          className="apply-reward__result"
          aria-live="polite"
          data-testid="apply-reward"
          data-amount={reward.data ?? undefined}
        >
          {result}
        </Text>
      )}
    </section>
  );
}
