import { Banner, SideSheet, Typography } from '@douyinfe/semi-ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParcelDetail, ParcelView } from '../../bindings';
import { CopyButton } from '../../shared/CopyButton';
import { errorCodeText } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { StatusTag } from '../campaigns/StatusTag';
import { AlertList } from './AlertList';
import { carrierLabel } from './alertText';
import { DraftMessage } from './DraftMessage';
import { ParcelActions } from './ParcelActions';
import { LegTag } from './ParcelRow';
import { ParcelTimeline } from './ParcelTimeline';
import { useParcel } from './queries';
import { StateTag } from './StateTag';

const { Text, Title } = Typography;

/** One parcel in a side sheet: where it is, what to do, and every scan. */
export function ParcelSheet({
  id,
  onClose,
  onEdit,
}: {
  id: string | null;
  onClose: () => void;
  onEdit: (parcel: ParcelView) => void;
}) {
  const { t } = useTranslation(['logistics', 'common']);
  const detail = useParcel(id);
  const p = detail.data?.parcel;
  return (
    <SideSheet
      visible={id !== null}
      onCancel={onClose}
      width={600}
      className="lgx-sheet"
      title={
        p === undefined ? (
          t('title')
        ) : (
          <span className="lgx-sheet__title">
            {carrierLabel(t, p.carrier, p.carrier_name)}{' '}
            <span className="lgx-number">{p.tracking_no}</span>
          </span>
        )
      }
    >
      <QueryView
        query={detail}
        pending={<Loading className="lgx-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('sheet.loadFailed', { text: errorCodeText(t, error) })}
            onRetry={retry}
          />
        )}
      >
        {(d) => <Detail detail={d} onEdit={() => onEdit(d.parcel)} onDeleted={onClose} />}
      </QueryView>
    </SideSheet>
  );
}

function Detail({
  detail: { parcel: p, events },
  onEdit,
  onDeleted,
}: {
  detail: ParcelDetail;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation(['logistics', 'common']);
  const drafts = p.alerts.filter((a) => a.draft !== null);
  return (
    <div className="lgx-detail" data-testid="parcel-detail" data-parcel-id={p.id}>
      <div className="lgx-detail__tags">
        <StateTag state={p.state} />
        <LegTag parcel={p} />
        {p.received && <Text type="success">{t('row.received')}</Text>}
      </div>
      <dl className="lgx-facts">
        <Fact label={t('sheet.campaign')}>
          {p.task_title === null ? (
            <Text type="tertiary">{t('row.noCampaign')}</Text>
          ) : (
            <span className="lgx-facts__campaign">
              <span>
                {p.task_title}
                {p.brand !== null && p.brand !== '' && ` · ${p.brand}`}
              </span>
              {p.application_status !== null && <StatusTag status={p.application_status} />}
            </span>
          )}
        </Fact>
        <Fact label={t('sheet.number')}>
          <span className="lgx-facts__number">
            <span className="lgx-number">{p.tracking_no}</span>
            <CopyButton text={p.tracking_no} testId="parcel-detail-copy" />
          </span>
        </Fact>
        {p.shipped_on !== null && <Fact label={t('sheet.shippedOn')}>{p.shipped_on}</Fact>}
        {p.return_due !== null && <Fact label={t('sheet.returnDue')}>{p.return_due}</Fact>}
        <Fact label={t('sheet.origin')}>
          {p.origin === 'feed' ? t('sheet.origins.feed') : t('sheet.origins.manual')}
        </Fact>
        <Fact label={t('sheet.lastQueried')} testId="parcel-last-queried">
          {p.last_queried_at === null ? t('sheet.never') : formatInstant(p.last_queried_at)}
        </Fact>
        <Fact label={t('sheet.nextQuery')} testId="parcel-next-query">
          {p.next_query_at !== null
            ? formatInstant(p.next_query_at)
            : p.is_final
              ? t('sheet.noMore')
              : t('sheet.notScheduled')}
        </Fact>
      </dl>
      {p.phone_required && !p.phone_known && (
        <Banner
          type="warning"
          closeIcon={null}
          fullMode={false}
          description={t('sheet.phoneMissing')}
          data-testid="parcel-phone-banner"
        />
      )}
      <ParcelActions parcel={p} onEdit={onEdit} onDeleted={onDeleted} />
      {p.alerts.length > 0 && (
        <Section title={t('sheet.alerts')}>
          <AlertList alerts={p.alerts} />
          {drafts.map((a) =>
            a.draft === null ? null : <DraftMessage key={`${a.code}-draft`} text={a.draft} />,
          )}
        </Section>
      )}
      <Section title={t('sheet.events')}>
        <ParcelTimeline events={events} />
      </Section>
    </div>
  );
}

function Fact({
  label,
  testId,
  children,
}: {
  label: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="lgx-fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="lgx-detail__section">
      <Title heading={6}>{title}</Title>
      {children}
    </section>
  );
}
