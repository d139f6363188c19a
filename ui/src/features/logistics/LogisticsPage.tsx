import { IconPlus } from '@douyinfe/semi-icons';
import { IllustrationNoContent } from '@douyinfe/semi-illustrations';
import { Button, Empty, Typography } from '@douyinfe/semi-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogisticsView, ParcelView } from '../../bindings';
import { errorCodeText } from '../../shared/errors';
import { useFocus } from '../../shared/navigation';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { AwaitingSection } from './AwaitingSection';
import { ParcelForm } from './ParcelForm';
import { ParcelRow } from './ParcelRow';
import { ParcelSheet } from './ParcelSheet';
import { useLogistics } from './queries';
import { TrackingBanner } from './TrackingBanner';

const { Title, Text } = Typography;

const ILLUSTRATION = 140;

/**
 * 物流: whether tracking is set up, the samples brands have yet to ship, and every parcel
 * with its state, newest scan and alerts (core puts the most urgent first). A parcel opens
 * in a side sheet; another page may open one (`go('logistics', id)`).
 */
export function LogisticsPage() {
  const { t } = useTranslation('logistics');
  const view = useLogistics();
  const focus = useFocus('logistics');
  const [openId, setOpenId] = useState<string | null>(focus?.id ?? null);
  const [form, setForm] = useState<{ editing: ParcelView | null } | null>(null);

  // Asked to show a parcel (again): open it.
  useEffect(() => {
    if (focus !== null) setOpenId(focus.id);
  }, [focus]);

  return (
    <div className="lgx" data-testid="logistics-page">
      <header className="lgx__head">
        <div className="lgx__title">
          <Title heading={4}>{t('title')}</Title>
          <Text type="tertiary">{t('intro')}</Text>
        </div>
        <Button
          theme="solid"
          icon={<IconPlus />}
          onClick={() => setForm({ editing: null })}
          data-testid="parcel-add"
        >
          {t('add')}
        </Button>
      </header>
      <QueryView
        query={view}
        pending={<Loading className="lgx-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={ILLUSTRATION}
            title={t('loadFailed', { text: errorCodeText(t, error) })}
            onRetry={retry}
          />
        )}
      >
        {(v) => <Content view={v} openId={openId} onOpen={setOpenId} />}
      </QueryView>
      <ParcelSheet
        id={openId}
        onClose={() => setOpenId(null)}
        onEdit={(parcel) => setForm({ editing: parcel })}
      />
      {form !== null && (
        <ParcelForm
          editing={form.editing}
          onClose={() => setForm(null)}
          onSaved={(id) => {
            setForm(null);
            setOpenId(id);
          }}
        />
      )}
    </div>
  );
}

function Content({
  view,
  openId,
  onOpen,
}: {
  view: LogisticsView;
  openId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('logistics');
  return (
    <>
      <TrackingBanner tracking={view.tracking} />
      <AwaitingSection awaiting={view.awaiting} />
      {view.parcels.length === 0 ? (
        <Empty
          className="lgx-empty"
          data-testid="logistics-empty"
          image={<IllustrationNoContent style={{ width: ILLUSTRATION, height: ILLUSTRATION }} />}
          title={t('empty.title')}
          description={t('empty.body')}
        />
      ) : (
        <section className="lgx-section" data-testid="parcel-section">
          <header className="lgx-section__head">
            <Title heading={6}>{t('parcels.title')}</Title>
            <Text type="tertiary" size="small" data-testid="parcel-count">
              {t('parcels.count', { count: view.parcels.length })}
            </Text>
          </header>
          <ul className="lgx-list" data-testid="parcel-list">
            {view.parcels.map((p) => (
              <ParcelRow key={p.id} parcel={p} selected={p.id === openId} onOpen={onOpen} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
