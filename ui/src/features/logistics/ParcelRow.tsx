import { IconChevronRight } from '@douyinfe/semi-icons';
import { Tag, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { ParcelView, ShipmentEventView } from '../../bindings';
import { CopyButton } from '../../shared/CopyButton';
import { AlertList } from './AlertList';
import { carrierLabel } from './alertText';
import { eventTime } from './events';
import { StateTag } from './StateTag';

const { Text } = Typography;

/**
 * One parcel: its state, carrier and number (copyable), the campaign, which way it goes,
 * the newest scan and the alerts. The whole row opens the parcel (its open button
 * stretches over the row; the copy button and the alerts' tags sit above it).
 */
export function ParcelRow({
  parcel: p,
  selected,
  onOpen,
}: {
  parcel: ParcelView;
  selected: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('logistics');
  const carrier = carrierLabel(t, p.carrier, p.carrier_name);
  return (
    <li
      className={selected ? 'lgx-row is-selected' : 'lgx-row'}
      data-testid="parcel-row"
      data-parcel-id={p.id}
      data-state={p.state ?? 'none'}
      data-tracking-no={p.tracking_no}
    >
      <div className="lgx-row__main">
        <div className="lgx-row__head">
          <StateTag state={p.state} />
          <button
            type="button"
            className="lgx-row__open"
            onClick={() => onOpen(p.id)}
            aria-label={t('row.openLabel', { carrier, number: p.tracking_no })}
            data-testid="parcel-open"
          >
            <span className="lgx-row__carrier" data-testid="parcel-carrier-name">
              {carrier}
            </span>
            <span className="lgx-number" data-testid="parcel-tracking-no">
              {p.tracking_no}
            </span>
          </button>
          <span className="lgx-above">
            <CopyButton text={p.tracking_no} testId="parcel-copy" />
          </span>
          <LegTag parcel={p} />
          {p.received && (
            <Text type="success" size="small" data-testid="parcel-received">
              {t('row.received')}
            </Text>
          )}
        </div>
        <div className="lgx-row__campaign" data-testid="parcel-campaign">
          {p.task_title !== null ? (
            <>
              <Text strong>{p.task_title}</Text>
              {p.brand !== null && p.brand !== '' && <Text type="secondary"> · {p.brand}</Text>}
            </>
          ) : (
            <Text type="tertiary">{t('row.noCampaign')}</Text>
          )}
        </div>
        <LastEvent event={p.last_event} />
        {p.phone_required && !p.phone_known && (
          <Text type="warning" size="small" data-testid="parcel-phone-missing">
            {t('row.phoneMissing')}
          </Text>
        )}
        <AlertList alerts={p.alerts} />
      </div>
      <IconChevronRight className="lgx-row__chevron" aria-hidden="true" />
    </li>
  );
}

/** 寄来的样品, or 寄回品牌方 with the day it is due (R-REVIEW-13). */
export function LegTag({ parcel: p }: { parcel: ParcelView }) {
  const { t } = useTranslation('logistics');
  return (
    <Tag
      size="small"
      color={p.leg === 'return' ? 'purple' : 'white'}
      type={p.leg === 'return' ? 'light' : 'ghost'}
      data-testid="parcel-leg"
      data-leg={p.leg}
    >
      {t(`legs.${p.leg}`)}
      {p.leg === 'return' &&
        p.return_due !== null &&
        ` · ${t('returnDue', { date: p.return_due })}`}
    </Tag>
  );
}

/** The newest scan: when, what, where. */
export function LastEvent({ event }: { event: ShipmentEventView | null }) {
  const { t } = useTranslation('logistics');
  if (event === null) {
    return (
      <Text type="tertiary" size="small" data-testid="parcel-last-event">
        {t('row.noEvent')}
      </Text>
    );
  }
  return (
    <div className="lgx-event" data-testid="parcel-last-event">
      <span className="lgx-event__time">{eventTime(event.time)}</span>
      <span className="lgx-event__text">{event.text}</span>
      {event.area !== null && event.area !== '' && (
        <Text type="tertiary" size="small">
          {event.area}
        </Text>
      )}
    </div>
  );
}
