import { Tag } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { FeeLine, NetScenario } from '../../../bindings';
import { formatMoney, isZeroAmount } from '../../../shared/format';

function feeAmount(line: FeeLine): string {
  // Fees are sent as positive amounts; shown as deductions.
  return line.amount.trim().startsWith('-')
    ? formatMoney(line.amount)
    : `-${formatMoney(line.amount)}`;
}

/** Gross → fees → net for the four cases of R-PREF-3, the creator's own case marked. */
export function NetTable({ scenarios }: { scenarios: NetScenario[] }) {
  const { t } = useTranslation('taskHall');
  const gross = scenarios[0]?.gross;
  if (gross === undefined) {
    return (
      <p className="muted" data-testid="detail-net">
        {t('detail.netNoCash')}
      </p>
    );
  }
  return (
    <div data-testid="detail-net">
      <p className="muted small">
        {isZeroAmount(gross)
          ? t('detail.netNoCash')
          : t('detail.netBasis', { gross: formatMoney(gross) })}
      </p>
      <table className="data-table net-table">
        <thead>
          <tr>
            <th>{t('detail.scenario')}</th>
            <th className="num">{t('detail.gross')}</th>
            <th>{t('detail.fees')}</th>
            <th className="num">{t('detail.netCol')}</th>
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr
              key={`${s.order}-${s.creator}`}
              className={s.applies ? 'is-applying' : undefined}
              data-testid="net-row"
              data-applies={s.applies ? 'true' : 'false'}
            >
              <td>
                <div>
                  {t('detail.scenarioLabel', {
                    order: t(`order.${s.order}`),
                    creator: t(`creatorKind.${s.creator}`),
                  })}
                </div>
                {s.applies && (
                  <Tag size="small" color="blue" type="solid">
                    {t('detail.yours')}
                  </Tag>
                )}
              </td>
              <td className="num">{formatMoney(s.gross)}</td>
              <td>
                {s.fees.length === 0 ? (
                  <span className="muted">{t('detail.noFees')}</span>
                ) : (
                  s.fees.map((line) => (
                    <div key={line.kind} className="fee-line">
                      <span>
                        {t(`fee.${line.kind}`)} {line.rate_percent}%
                      </span>{' '}
                      <span className="fee-line__amount">{feeAmount(line)}</span>{' '}
                      <span className="rule-id">{line.rule}</span>
                    </div>
                  ))
                )}
              </td>
              <td className="num net-table__net">{formatMoney(s.net)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
