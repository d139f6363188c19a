import { Banner, Button, Popconfirm, Tag, Typography } from '@douyinfe/semi-ui';
import type { ButtonProps } from '@douyinfe/semi-ui/lib/es/button';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItemView } from '../../bindings';
import { errorCodeText, errorText } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { discardApplication, toIpcError } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { ShippingText } from './CampaignCard';
import { problemText, refusalText } from './outboxText';
import { useOutbox } from './queries';
import { ResendDialog } from './ResendDialog';

const { Text } = Typography;

/**
 * 待发送的申请: what the platform has not confirmed — waiting (sent as soon as it can be)
 * or refused (edit and resend, or discard). Nothing shows when the outbox is empty.
 */
export function OutboxSection() {
  const { t } = useTranslation('campaigns');
  const outbox = useOutbox();
  const [resending, setResending] = useState<OutboxItemView | null>(null);
  if (outbox.isError) {
    return (
      <Banner
        type="danger"
        closeIcon={null}
        data-testid="outbox-error"
        description={t('outbox.loadFailed', { text: errorText(t, outbox.error) })}
      />
    );
  }
  const items = (outbox.data ?? []).filter((o) => o.state !== 'sent');
  if (items.length === 0) return null;
  return (
    <section className="cmp-outbox" data-testid="outbox">
      <div className="cmp-outbox__head">
        <Text strong>{t('outbox.title')}</Text>
        <Text type="tertiary" size="small">
          {t('outbox.intro')}
        </Text>
      </div>
      <ul className="cmp-outbox__list">
        {items.map((item) => (
          <OutboxRow key={item.id} item={item} onResend={() => setResending(item)} />
        ))}
      </ul>
      {resending !== null && <ResendDialog item={resending} onClose={() => setResending(null)} />}
    </section>
  );
}

function OutboxRow({ item, onResend }: { item: OutboxItemView; onResend: () => void }) {
  const { t } = useTranslation(['campaigns', 'common']);
  const notify = useNotify(['campaigns', 'common']);
  const discard = useMutation({
    mutationFn: () => discardApplication(item.id),
    onSuccess: () => notify.success((t) => t('outbox.discarded')),
    onError: (error) => notify.error((t) => t('failed', { text: errorText(t, error) })),
  });
  const refused = item.state === 'refused';
  // Not a literal, so the data attribute passes ButtonProps' excess-property check.
  const confirmProps: ButtonProps = {
    type: 'danger',
    ...{ 'data-testid': 'outbox-discard-confirm' },
  };
  return (
    <li
      className={`cmp-outbox__item cmp-outbox__item--${item.state}`}
      data-testid="outbox-item"
      data-state={item.state}
      data-outbox-id={item.id}
    >
      <div className="cmp-outbox__main">
        <div className="cmp-outbox__title">
          <Tag size="small" color={refused ? 'red' : 'blue'} data-testid="outbox-state">
            {t(refused ? 'outbox.refused' : 'outbox.waiting')}
          </Tag>
          <Text strong>{item.task_title || item.task_id}</Text>
          {item.brand !== '' && <Text type="secondary">{item.brand}</Text>}
        </div>
        <Text type="tertiary" size="small">
          {t('outbox.createdAt', { at: formatInstant(item.created_at) })} ·{' '}
          <ShippingText shipping={item.shipping} testId="outbox-shipping" />
        </Text>
        {refused ? <Refusal item={item} /> : <Waiting item={item} />}
      </div>
      {refused && (
        <div className="cmp-outbox__actions">
          <Button theme="solid" onClick={onResend} data-testid="outbox-resend">
            {t('outbox.resend')}
          </Button>
          <Popconfirm
            title={t('outbox.discardTitle')}
            content={<div className="cmp-confirm">{t('outbox.discardBody')}</div>}
            okText={t('outbox.discard')}
            cancelText={t('common:cancel')}
            okType="danger"
            okButtonProps={confirmProps}
            onConfirm={() => discard.mutate()}
          >
            <span>
              <Button type="danger" loading={discard.isPending} data-testid="outbox-discard">
                {t('outbox.discard')}
              </Button>
            </span>
          </Popconfirm>
        </div>
      )}
    </li>
  );
}

function Waiting({ item }: { item: OutboxItemView }) {
  const { t } = useTranslation(['campaigns', 'common']);
  const parts = [
    item.attempts === 0 ? t('outbox.notTried') : t('outbox.attempts', { count: item.attempts }),
  ];
  if (item.next_attempt_at !== null) {
    parts.push(t('outbox.nextAttempt', { at: formatInstant(item.next_attempt_at) }));
  }
  return (
    <div className="cmp-outbox__detail" data-testid="outbox-waiting">
      <Text size="small">{parts.join(' · ')}</Text>
      {item.last_error !== null && (
        <Text type="warning" size="small" data-testid="outbox-last-error">
          {t('outbox.lastError', {
            text: errorCodeText(t, toIpcError('outbox', item.last_error)),
          })}
        </Text>
      )}
    </div>
  );
}

function Refusal({ item }: { item: OutboxItemView }) {
  const { t } = useTranslation('campaigns');
  return (
    <div className="cmp-outbox__detail" data-testid="outbox-refusal">
      <Text type="danger" size="small" data-testid="outbox-reason">
        {refusalText(t, item)}
      </Text>
      {item.problems.length > 0 && (
        <>
          <Text size="small">{t('outbox.problems')}</Text>
          <ul className="cmp-outbox__problems">
            {item.problems.map((p) => (
              <li key={`${p.field}-${p.code}`} data-testid="outbox-problem" data-field={p.field}>
                {problemText(t, p)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
