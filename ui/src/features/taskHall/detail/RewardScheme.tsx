import { Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { RewardView } from '../../../bindings';
import { formatCount, formatMoney, formatMoneyShort } from '../../../shared/format';

const { Text } = Typography;

/** The reward scheme in full: fixed, valid-play tiers (R-REVIEW-5), rank (R-REVIEW-6), sample. */
export function RewardScheme({
  reward,
  sampleValue,
}: {
  reward: RewardView;
  sampleValue: string | null;
}) {
  const { t } = useTranslation('taskHall');
  return (
    <div className="reward-scheme" data-testid="detail-reward">
      {reward.kind === 'fixed' && (
        <div className="reward-scheme__fixed">
          <Text type="tertiary">{t('detail.fixed')}</Text>
          <span className="reward-scheme__amount">{formatMoney(reward.amount)}</span>
        </div>
      )}
      {reward.kind === 'play_tiers' && (
        <>
          <div className="reward-scheme__caption">
            <Text type="tertiary">{t('detail.playTiers')}</Text>
            <span className="rule-id">R-REVIEW-5</span>
          </div>
          <table className="data-table" data-testid="reward-tiers">
            <thead>
              <tr>
                <th>{t('detail.plays')}</th>
                <th className="num">{t('detail.prize')}</th>
              </tr>
            </thead>
            <tbody>
              {reward.tiers.map((tier) => (
                <tr key={tier.above}>
                  <td>
                    {tier.up_to === null
                      ? t('detail.tierOpen', { above: formatCount(tier.above) })
                      : t('detail.tierBounded', {
                          above: formatCount(tier.above),
                          upTo: formatCount(tier.up_to),
                        })}
                  </td>
                  <td className="num">{formatMoneyShort(tier.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Text type="tertiary" size="small">
            {t('detail.playTiersNote')}
          </Text>
        </>
      )}
      {reward.kind === 'rank' && (
        <>
          <div className="reward-scheme__caption">
            <Text type="tertiary">{t('detail.rank')}</Text>
            <span className="rule-id">R-REVIEW-6</span>
          </div>
          <table className="data-table" data-testid="reward-ranks">
            <thead>
              <tr>
                <th>{t('detail.rankHeader')}</th>
                <th className="num">{t('detail.prize')}</th>
              </tr>
            </thead>
            <tbody>
              {reward.prizes.map((prize) => (
                <tr key={prize.from}>
                  <td>
                    {prize.from === prize.to
                      ? t('detail.rankSingle', { from: prize.from })
                      : t('detail.rankRange', { from: prize.from, to: prize.to })}
                  </td>
                  <td className="num">
                    {prize.from === prize.to
                      ? formatMoneyShort(prize.amount)
                      : t('detail.perPerson', { value: formatMoneyShort(prize.amount) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {reward.kind === 'sample_only' && <Text>{t('detail.sampleOnly')}</Text>}
      {sampleValue !== null && (
        <div className="reward-scheme__sample">
          <Text type="tertiary">{t('detail.sampleValue')}</Text>
          <span>{formatMoneyShort(sampleValue)}</span>
        </div>
      )}
    </div>
  );
}
