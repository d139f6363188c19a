import { IconRefresh } from '@douyinfe/semi-icons';
import { Banner, Button, Popconfirm, Typography } from '@douyinfe/semi-ui';
import type { ButtonProps } from '@douyinfe/semi-ui/lib/es/button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParcelView } from '../../bindings';
import { errorCode, errorCodeText } from '../../shared/errors';
import { formatTime } from '../../shared/format';
import { confirmParcelReceived, deleteParcel, trackParcel } from '../../shared/ipc';
import { useNavigation } from '../../shared/navigation';
import { useNotify } from '../../shared/notify';
import { putAnswer } from '../../shared/putAnswer';
import { logisticsKeys } from './queries';
import { askedRecently } from './spacing';
import { trackingErrorText } from './trackingErrors';

const { Text } = Typography;

/**
 * What can be done with a parcel: ask the carrier now, confirm a parcel of no campaign
 * arrived (a campaign's sample is confirmed on 我的合作, R-REVIEW-16), open its campaign,
 * correct it, stop tracking it. Below them, the last query's failure; a failed refresh
 * instead, in words, with the tracking service's reason as the parcel now shows it.
 */
export function ParcelActions({
  parcel: p,
  onEdit,
  onDeleted,
}: {
  parcel: ParcelView;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation(['logistics', 'common']);
  const client = useQueryClient();
  const notify = useNotify(['logistics', 'common']);
  const { go, openSettings } = useNavigation();
  const failed = (error: unknown) =>
    notify.error((t) => t('failed', { text: errorCodeText(t, error) }));

  // The creator is asked whether to check again so soon after the last answer.
  const [confirming, setConfirming] = useState(false);
  const askedAt = confirming ? p.last_queried_at : null;
  const refresh = useMutation({
    mutationFn: () => trackParcel(p.id, true),
    onSuccess: (detail) => {
      void putAnswer(client, logisticsKeys.parcel(p.id), detail);
      notify.success((t) => t('sheet.refreshed'));
    },
  });
  const confirm = useMutation({
    mutationFn: () => confirmParcelReceived(p.id),
    onSuccess: () => notify.success((t) => t('sheet.confirmed')),
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: () => deleteParcel(p.id),
    onSuccess: () => {
      notify.success((t) => t('sheet.deleted'));
      onDeleted();
    },
    onError: failed,
  });

  // Not a literal, so the data attribute passes ButtonProps' excess-property check.
  const confirmDelete: ButtonProps = { type: 'danger', ...{ 'data-testid': 'parcel-delete-ok' } };
  const checkAnyway: ButtonProps = {
    type: 'primary',
    ...{ 'data-testid': 'parcel-refresh-anyway' },
  };
  const code = refresh.isError ? errorCode(refresh.error) : null;
  return (
    <div className="lgx-actions">
      <div className="lgx-actions__bar">
        <Popconfirm
          trigger="custom"
          visible={confirming}
          title={askedAt === null ? null : t('sheet.recentTitle', { time: formatTime(askedAt) })}
          content={
            askedAt === null ? null : (
              <div className="lgx-confirm" data-testid="parcel-refresh-confirm">
                {/* When the background check asks next, if it does (not for a parcel
                    that is done, nor without a tracking account). */}
                {p.next_query_at !== null && !p.is_final
                  ? t('sheet.recentBody', { time: formatTime(p.next_query_at) })
                  : t('sheet.recentBodyNoNext')}
              </div>
            )
          }
          okText={t('sheet.checkAnyway')}
          cancelText={t('common:cancel')}
          okButtonProps={checkAnyway}
          onConfirm={() => {
            setConfirming(false);
            refresh.mutate();
          }}
          onCancel={() => setConfirming(false)}
          onClickOutSide={() => setConfirming(false)}
        >
          <span>
            <Button
              theme="solid"
              icon={<IconRefresh />}
              loading={refresh.isPending}
              onClick={() => {
                // Within 30 minutes of the service's last answer, the creator decides.
                if (askedRecently(p, Date.now()) === null) refresh.mutate();
                else setConfirming(true);
              }}
              data-testid="parcel-refresh"
            >
              {t('sheet.refresh')}
            </Button>
          </span>
        </Popconfirm>
        {p.application_id === null && !p.received && (
          <Button
            loading={confirm.isPending}
            onClick={() => confirm.mutate()}
            data-testid="parcel-confirm-received"
          >
            {t('sheet.confirmReceived')}
          </Button>
        )}
        {p.application_id !== null && (
          <Button
            onClick={() => go('campaigns', p.application_id ?? undefined)}
            data-testid="parcel-open-application"
          >
            {t('sheet.openApplication')}
          </Button>
        )}
        <Button onClick={onEdit} data-testid="parcel-edit">
          {t('sheet.edit')}
        </Button>
        <Popconfirm
          title={t('sheet.deleteTitle')}
          content={
            <div className="lgx-confirm">
              {p.origin === 'feed' ? t('sheet.deleteFeedBody') : t('sheet.deleteBody')}
            </div>
          }
          okText={t('sheet.delete')}
          cancelText={t('common:cancel')}
          okType="danger"
          okButtonProps={confirmDelete}
          onConfirm={() => remove.mutate()}
        >
          <span>
            <Button type="danger" loading={remove.isPending} data-testid="parcel-delete">
              {t('sheet.delete')}
            </Button>
          </span>
        </Popconfirm>
      </div>
      <Text type="tertiary" size="small">
        {t('sheet.refreshHint')}
      </Text>
      {code === null && p.last_error !== null && (
        <Banner
          type="warning"
          closeIcon={null}
          fullMode={false}
          data-testid="parcel-last-error"
          data-code={p.last_error.code}
          title={t('sheet.lastError')}
          description={trackingErrorText(t, p.last_error)}
        />
      )}
      {code !== null && (
        <Banner
          type="danger"
          closeIcon={null}
          fullMode={false}
          data-testid="parcel-refresh-error"
          data-code={code}
          title={t('sheet.refreshFailed', { text: errorCodeText(t, refresh.error) })}
          description={
            code === 'tracking_refused' && p.last_error !== null ? (
              trackingErrorText(t, p.last_error)
            ) : code === 'tracking_not_configured' ? (
              <Button
                theme="borderless"
                size="small"
                onClick={() => openSettings('tracking')}
                data-testid="parcel-open-settings"
              >
                {t('banner.action')}
              </Button>
            ) : undefined
          }
        />
      )}
    </div>
  );
}
