import { Button, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { AwaitingShipmentView } from '../../bindings';
import { useNavigation } from '../../shared/navigation';
import { AlertList } from './AlertList';
import { DraftMessage } from './DraftMessage';

const { Text, Title } = Typography;

/** Selected campaigns whose sample the brand has not shipped: the ship-by date, the day
 * after which a delay is the brand's fault (R-REVIEW-10), and the alerts. */
export function AwaitingSection({ awaiting }: { awaiting: readonly AwaitingShipmentView[] }) {
  const { t } = useTranslation('logistics');
  const { go } = useNavigation();
  if (awaiting.length === 0) return null;
  return (
    <section className="lgx-section" data-testid="awaiting-section">
      <header className="lgx-section__head">
        <Title heading={6}>{t('awaiting.title')}</Title>
        <Text type="tertiary" size="small">
          {t('awaiting.intro')}
        </Text>
      </header>
      <ul className="lgx-list">
        {awaiting.map((a) => (
          <li
            key={a.application_id}
            className="lgx-row lgx-row--static"
            data-testid="awaiting-row"
            data-application-id={a.application_id}
          >
            <div className="lgx-row__main">
              <div className="lgx-row__head">
                <Text strong>{a.task_title}</Text>
                {a.brand !== '' && <Text type="secondary">{a.brand}</Text>}
                <Button
                  size="small"
                  theme="borderless"
                  className="lgx-row__end"
                  onClick={() => go('campaigns', a.application_id)}
                  data-testid="awaiting-open-application"
                >
                  {t('awaiting.open')}
                </Button>
              </div>
              <div className="lgx-row__dates" data-testid="awaiting-dates">
                <span>
                  {a.ship_by !== null
                    ? t('awaiting.shipBy', { date: a.ship_by })
                    : t('awaiting.noShipBy')}
                </span>
                {a.late_shipping_after !== null && (
                  <Text type="tertiary" size="small">
                    {t('awaiting.lateAfter', { date: a.late_shipping_after })}
                  </Text>
                )}
              </div>
              <AlertList alerts={a.alerts} />
              {a.alerts.map((alert) =>
                alert.draft === null ? null : (
                  <DraftMessage key={`${alert.code}-draft`} text={alert.draft} folded />
                ),
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
