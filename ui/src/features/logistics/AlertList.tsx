import { IconAlertCircle, IconAlertTriangle } from '@douyinfe/semi-icons';
import { Tag, Tooltip } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { ShipmentAlertView } from '../../bindings';
import { alertSentence, alertTone } from './alertText';

/** A parcel's or a campaign's alerts as core ordered them (most urgent first): the
 * sentence, the rule it rests on, and whose fault a delay is (R-REVIEW-10). */
export function AlertList({ alerts }: { alerts: readonly ShipmentAlertView[] }) {
  if (alerts.length === 0) return null;
  return (
    <ul className="lgx-alerts">
      {alerts.map((a) => (
        <AlertItem key={`${a.code}-${a.since ?? ''}-${a.date ?? ''}`} alert={a} />
      ))}
    </ul>
  );
}

function AlertItem({ alert }: { alert: ShipmentAlertView }) {
  const { t } = useTranslation('logistics');
  const tone = alertTone(alert);
  return (
    <li
      className={`lgx-alert lgx-alert--${tone}`}
      data-testid="parcel-alert"
      data-code={alert.code}
      data-tone={tone}
    >
      {tone === 'danger' ? (
        <IconAlertCircle size="small" className="lgx-alert__icon" />
      ) : (
        <IconAlertTriangle size="small" className="lgx-alert__icon" />
      )}
      <span className="lgx-alert__text" data-testid="parcel-alert-text">
        {alertSentence(t, alert)}
      </span>
      {alert.brand_fault && (
        <Tooltip content={t('brandFaultHint')}>
          <Tag size="small" color="orange" type="solid" data-testid="parcel-brand-fault">
            {t('brandFault')}
          </Tag>
        </Tooltip>
      )}
      {alert.rule !== null && (
        <Tooltip content={t('rule', { rule: alert.rule })}>
          <Tag size="small" color="white" type="ghost" data-testid="parcel-alert-rule">
            {alert.rule}
          </Tag>
        </Tooltip>
      )}
    </li>
  );
}
