import { Button, Empty, Table, Tag, Typography } from '@douyinfe/semi-ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BenefitsView, BenefitView, DispatchPeriodView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatCount, formatMoney } from '../../shared/format';
import { claimBenefit } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { refusalWords } from '../../shared/refusals';
import { Fold } from './Fold';
import { putBenefit, useBenefits } from './queries';
import { benefitName, expiryText, isUrgent } from './rightsText';

const { Title, Text } = Typography;

/** Still to use: available or claimed. The rest (used, expired) is history. */
const inWallet = (b: BenefitView) => b.status === 'available' || b.status === 'claimed';

/**
 * 我的权益 (R-LEVEL-4/5/6) and the DOU+ ledger (R-LEVEL-7): the benefits still to use in
 * core's order (claimable first, then by expiry), each claimable one with its claim
 * button; used and expired ones folded away; then each 30-day dispatch period.
 */
export function BenefitsSection() {
  const { t } = useTranslation(['rights', 'common']);
  const view = useBenefits();
  return (
    <QueryView
      query={view}
      pending={<Loading className="rts-center" />}
      error={(error, retry) => (
        <section className="rts-card" data-testid="rights-benefits">
          <LoadFailed
            size={100}
            title={t('benefits.loadFailed', { text: errorText(t, error) })}
            onRetry={retry}
          />
        </section>
      )}
    >
      {(v) => (
        <>
          <Wallet view={v} />
          <DouPlusLedger view={v} />
        </>
      )}
    </QueryView>
  );
}

function Wallet({ view }: { view: BenefitsView }) {
  const { t } = useTranslation('rights');
  const wallet = view.items.filter(inWallet);
  const history = view.items.filter((b) => !inWallet(b));
  return (
    <section className="rts-card rts-benefits" data-testid="rights-benefits">
      <header className="rts-card__head">
        <Title heading={6}>{t('benefits.title')}</Title>
      </header>
      <Text type="tertiary" size="small">
        {t('benefits.intro')}
      </Text>
      {wallet.length === 0 ? (
        <Empty title={t('benefits.empty')} data-testid="benefits-empty" />
      ) : (
        <ul className="rts-benefits__grid">
          {wallet.map((b) => (
            <BenefitCard key={b.id} benefit={b} />
          ))}
        </ul>
      )}
      {history.length > 0 && (
        <Fold
          label={t('benefits.history', { count: history.length })}
          testId="benefits-history-toggle"
        >
          <ul className="rts-benefits__grid" data-testid="benefits-history">
            {history.map((b) => (
              <BenefitCard key={b.id} benefit={b} />
            ))}
          </ul>
        </Fold>
      )}
    </section>
  );
}

function BenefitCard({ benefit: b }: { benefit: BenefitView }) {
  const { t } = useTranslation(['rights', 'common']);
  const client = useQueryClient();
  const notify = useNotify(['rights', 'common']);
  const claim = useMutation({
    mutationFn: () => claimBenefit(b.id),
    // Queued: the card shows 领取中 until core says the platform answered.
    onSuccess: (claimed) => void putBenefit(client, claimed),
    onError: (error) => notify.error((t) => t('failed', { text: errorText(t, error) })),
  });
  const waiting = b.send_state === 'waiting';
  const claimable = b.status === 'available' && b.claimable && !waiting;
  const urgent = inWallet(b) && isUrgent(b);
  return (
    <li
      className={`rts-benefit is-${b.status}`}
      data-testid={`benefit-${b.id}`}
      data-status={b.status}
      data-send-state={b.send_state ?? undefined}
    >
      <div className="rts-benefit__head">
        <Text strong data-testid={`benefit-name-${b.id}`}>
          {benefitName(t, b)}
        </Text>
        <Tag size="small" color="light-blue">
          {t('levelName', { level: b.level })}
        </Tag>
      </div>
      {b.value !== null && (
        <Text className="rts-benefit__value" data-testid={`benefit-value-${b.id}`}>
          {formatMoney(b.value)}
        </Text>
      )}
      <Text
        size="small"
        type={urgent ? 'danger' : 'tertiary'}
        className={urgent ? 'rts-benefit__expiry is-urgent' : 'rts-benefit__expiry'}
        data-testid={`benefit-expiry-${b.id}`}
        data-urgent={urgent ? 'true' : 'false'}
      >
        {inWallet(b) ? expiryText(t, b) : t(`benefits.status.${b.status}`)}
      </Text>
      <div className="rts-benefit__actions">
        {waiting ? (
          <Tag color="blue" data-testid={`benefit-claiming-${b.id}`}>
            {t('benefits.claiming')}
          </Tag>
        ) : claimable ? (
          <Button
            theme="solid"
            size="small"
            loading={claim.isPending}
            onClick={() => claim.mutate()}
            data-testid={`claim-${b.id}`}
          >
            {t(b.send_state === 'refused' ? 'benefits.claimAgain' : 'benefits.claim')}
          </Button>
        ) : b.status === 'available' || (!b.claimable && b.status === 'claimed') ? (
          // Dispatched by the platform (R-LEVEL-5): the platform reports such a card as
          // claimed from its issue, though nothing was claimed.
          <Text type="tertiary" size="small" data-testid={`benefit-auto-${b.id}`}>
            {t('benefits.auto')}
          </Text>
        ) : (
          <Tag size="small" color={b.status === 'claimed' ? 'green' : 'grey'}>
            {t(`benefits.status.${b.status}`)}
          </Tag>
        )}
      </div>
      {waiting && (
        <Text type="tertiary" size="small">
          {t('benefits.claimQueued')}
        </Text>
      )}
      {b.send_state === 'refused' && (
        <Text type="danger" size="small" data-testid={`benefit-refused-${b.id}`}>
          {t('benefits.refused', {
            error: refusalWords(t, b.send_refusal) ?? b.send_error ?? '',
          })}
        </Text>
      )}
    </li>
  );
}

function DouPlusLedger({ view }: { view: BenefitsView }) {
  const { t } = useTranslation('rights');
  const dash = '—';
  const columns = [
    {
      title: t('douplus.period'),
      dataIndex: 'starts_on',
      render: (_: string, p: DispatchPeriodView) => (
        <span className="rts-period">
          <span className="rts-nowrap">{p.starts_on} –</span>{' '}
          <span className="rts-nowrap">{p.ends_on}</span>
          {p.current && (
            <Tag size="small" color="blue" className="rts-tag-inline">
              {t('douplus.current')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('douplus.promised'), dataIndex: 'promised', render: (n: number) => formatCount(n) },
    { title: t('douplus.sent'), dataIndex: 'sent', render: (n: number) => formatCount(n) },
    {
      title: t('douplus.owed'),
      dataIndex: 'owed',
      render: (n: number | null) => (n === null ? t('douplus.running') : formatCount(n)),
    },
    {
      title: t('douplus.douplus'),
      dataIndex: 'dou_plus',
      render: (n: number | null) => (n === null ? dash : formatCount(n)),
    },
  ];
  return (
    <section className="rts-card rts-douplus" data-testid="rights-douplus">
      <header className="rts-card__head">
        <Title heading={6}>{t('douplus.title')}</Title>
        <Text strong data-testid="douplus-total" data-owed={view.dou_plus_owed}>
          {t('douplus.total', { count: view.dou_plus_owed })}
        </Text>
      </header>
      <Text type="tertiary" size="small">
        {t('douplus.intro')}
      </Text>
      <Table<DispatchPeriodView>
        size="small"
        columns={columns}
        dataSource={view.dispatches}
        rowKey="starts_on"
        pagination={false}
        empty={t('douplus.empty')}
        onRow={(p) =>
          ({
            'data-testid': `dispatch-${p?.starts_on ?? ''}`,
            'data-current': p?.current ? 'true' : 'false',
          }) as never
        }
      />
    </section>
  );
}
