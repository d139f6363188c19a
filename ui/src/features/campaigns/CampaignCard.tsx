import { IconChevronRight } from '@douyinfe/semi-icons';
import { Button, Typography } from '@douyinfe/semi-ui';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView, ShipmentView, ShippingView } from '../../bindings';
import { CopyButton } from '../../shared/CopyButton';
import { formatMoney } from '../../shared/format';
import { useFocus, useNavigation } from '../../shared/navigation';
import { eventTime } from '../logistics/events';
import { StateTag } from '../logistics/StateTag';
import { CardActions } from './CardActions';
import { carrierName } from './carriers';
import { StatusTag } from './StatusTag';
import { Timeline } from './Timeline';

const { Text } = Typography;

/** One application: what it is, where it stands, its dates and what can be done now.
 * Opened from another page to show it (物流's "打开合作"), it scrolls into view, marked. */
export function CampaignCard({ app }: { app: ApplicationView }) {
  const { t } = useTranslation('campaigns');
  const focus = useFocus('campaigns');
  const focused = focus?.id === app.id;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focus?.id === app.id)
      ref.current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [focus, app.id]);
  return (
    <article
      ref={ref}
      className={focused ? 'cmp-card is-focused' : 'cmp-card'}
      data-testid="campaign-card"
      data-application-id={app.id}
      data-focused={focused ? 'true' : undefined}
    >
      <header className="cmp-card__head">
        <div className="cmp-card__title">
          <Text strong data-testid="campaign-title">
            {app.task_title || t('card.untitled', { id: app.task_id })}
          </Text>
          {app.brand !== '' && (
            <Text type="secondary" data-testid="campaign-brand">
              {app.brand}
            </Text>
          )}
          <StatusTag status={app.status} />
        </div>
        <Text type="tertiary" size="small" data-testid="campaign-applied">
          {t('card.applied', { day: app.applied_on })}
        </Text>
      </header>
      <dl className="cmp-card__facts">
        <Fact label={t('card.shipping')}>
          <ShippingText shipping={app.shipping} testId="campaign-shipping" />
        </Fact>
        <Fact label={t('card.shipment')}>
          <Shipment app={app} />
        </Fact>
        <Fact label={t('card.content')}>
          <Content app={app} />
        </Fact>
        {app.reward !== null && (
          <Fact label={t('card.reward')}>
            <span data-testid="campaign-reward">
              <Text strong>{formatMoney(app.reward.amount)}</Text>
              {app.reward.listed_on !== null && (
                <Text type="tertiary">
                  {' '}
                  · {t('card.rewardListed', { day: app.reward.listed_on })}
                </Text>
              )}
              {app.reward.paid_on !== null && (
                <Text type="tertiary"> · {t('card.rewardPaid', { day: app.reward.paid_on })}</Text>
              )}
            </span>
          </Fact>
        )}
      </dl>
      <Timeline steps={app.timeline} />
      <CardActions app={app} />
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="cmp-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Contact, masked phone and region names: never the street. */
export function ShippingText({ shipping: s, testId }: { shipping: ShippingView; testId: string }) {
  return (
    <span data-testid={testId}>
      {s.contact_name} <span className="cmp-phone">{s.phone_masked}</span> ·{' '}
      {[s.province, s.city, s.district].filter((n) => n !== '').join(' ')}
    </span>
  );
}

function Shipment({ app }: { app: ApplicationView }) {
  const { t } = useTranslation('campaigns');
  const s = app.shipment;
  if (s === null) return <Text type="tertiary">{t('card.notShipped')}</Text>;
  return (
    <div className="cmp-shipment" data-testid="campaign-shipment">
      <span>
        <span data-testid="campaign-carrier">{carrierName(t, s.carrier)}</span>{' '}
        <span className="cmp-tracking" data-testid="campaign-tracking">
          {s.tracking_no}
        </span>{' '}
        <Text type="tertiary">{t('card.shippedOn', { day: s.shipped_on })}</Text>
      </span>
      <CopyButton text={s.tracking_no} testId="campaign-copy-tracking" />
      {s.parcel_id !== null && <Parcel shipment={s} parcelId={s.parcel_id} />}
      {app.delivered_at !== null && <Text type="success">{t('card.delivered')}</Text>}
      {app.receipt !== null && (
        <Text type={app.receipt.received ? 'success' : 'warning'} data-testid="campaign-receipt">
          {app.receipt.received
            ? t('card.received')
            : t('card.notReceived', { note: app.receipt.note ?? '' })}
        </Text>
      )}
    </div>
  );
}

/** The tracked parcel: where it is, its newest scan, and the way to 物流 for the rest. */
function Parcel({ shipment: s, parcelId }: { shipment: ShipmentView; parcelId: string }) {
  const { t } = useTranslation('campaigns');
  const { go } = useNavigation();
  return (
    <div className="cmp-parcel" data-testid="campaign-parcel">
      <div className="cmp-parcel__bar">
        <StateTag state={s.parcel_state} testId="campaign-parcel-state" />
        <Button
          size="small"
          theme="borderless"
          icon={<IconChevronRight />}
          iconPosition="right"
          onClick={() => go('logistics', parcelId)}
          data-testid="campaign-track"
        >
          {t('card.track')}
        </Button>
      </div>
      {s.last_event !== null && (
        <Text size="small" className="cmp-parcel__event" data-testid="campaign-parcel-event">
          <span className="cmp-parcel__time">{eventTime(s.last_event.time)}</span>{' '}
          {s.last_event.text}
        </Text>
      )}
    </div>
  );
}

function Content({ app }: { app: ApplicationView }) {
  const { t } = useTranslation('campaigns');
  const c = app.content;
  if (c === null) return <Text type="tertiary">{t('card.noContent')}</Text>;
  const review = c.review ?? 'pending';
  return (
    <div className="cmp-content" data-testid="campaign-content" data-review={review}>
      <span>
        <span className="cmp-url" title={c.url}>
          {c.url}
        </span>{' '}
        <Text
          type={review === 'rejected' ? 'danger' : review === 'approved' ? 'success' : 'tertiary'}
        >
          {t(`card.review.${review}`)}
        </Text>
        {app.published_on !== null && (
          <Text type="tertiary"> · {t('card.publishedOn', { day: app.published_on })}</Text>
        )}
      </span>
      {review === 'rejected' && (
        <Text type="danger" size="small" data-testid="campaign-review-reason">
          {c.review_reason !== null && c.review_reason !== ''
            ? `${t('card.rejectedReason', { reason: c.review_reason })} `
            : ''}
          {t('card.rejectedHint')}
        </Text>
      )}
    </div>
  );
}
