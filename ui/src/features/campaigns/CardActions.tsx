import { Button, Popconfirm } from '@douyinfe/semi-ui';
import type { ButtonProps } from '@douyinfe/semi-ui/lib/es/button';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { reportReceipt, withdrawApplication } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { ContentDialog } from './ContentDialog';
import { ReceiptDialog, type ReceiptProblem } from './ReceiptDialog';

/**
 * What the creator can do now, as core's `can_*` flags allow: withdraw before selection;
 * say whether the sample arrived (R-REVIEW-16); report the published work (R-REVIEW-13).
 */
export function CardActions({ app }: { app: ApplicationView }) {
  const { t } = useTranslation(['campaigns', 'common']);
  const notify = useNotify(['campaigns', 'common']);
  const [receipt, setReceipt] = useState<ReceiptProblem | null>(null);
  const [content, setContent] = useState(false);
  const failed = (error: unknown) =>
    notify.error((t) => t('failed', { text: errorText(t, error) }));

  const withdraw = useMutation({
    mutationFn: () => withdrawApplication(app.id),
    onSuccess: () => notify.success((t) => t('actions.withdrawn')),
    onError: failed,
  });
  const received = useMutation({
    mutationFn: () => reportReceipt(app.id, true, null),
    onSuccess: () => notify.success((t) => t('actions.receivedDone')),
    onError: failed,
  });

  if (!app.can_withdraw && !app.can_report_receipt && !app.can_report_content) return null;
  // Not a literal, so the data attribute passes ButtonProps' excess-property check.
  const confirmProps: ButtonProps = {
    type: 'danger',
    ...{ 'data-testid': 'campaign-withdraw-confirm' },
  };
  return (
    <div className="cmp-actions" data-testid="campaign-actions">
      {app.can_report_receipt && (
        <>
          <Button
            theme="solid"
            loading={received.isPending}
            onClick={() => received.mutate()}
            data-testid="campaign-received"
          >
            {t('actions.received')}
          </Button>
          <Button onClick={() => setReceipt('not_arrived')} data-testid="campaign-not-arrived">
            {t('actions.notArrived')}
          </Button>
          <Button type="danger" onClick={() => setReceipt('refused')} data-testid="campaign-refuse">
            {t('actions.refuse')}
          </Button>
        </>
      )}
      {app.can_report_content && (
        <Button
          theme={app.can_report_receipt ? 'light' : 'solid'}
          onClick={() => setContent(true)}
          data-testid="campaign-report-content"
        >
          {app.content === null ? t('actions.content') : t('actions.contentAgain')}
        </Button>
      )}
      {app.can_withdraw && (
        <Popconfirm
          title={t('actions.withdrawTitle')}
          content={<div className="cmp-confirm">{t('actions.withdrawBody')}</div>}
          okText={t('actions.withdraw')}
          cancelText={t('common:cancel')}
          okType="danger"
          okButtonProps={confirmProps}
          onConfirm={() => withdraw.mutate()}
        >
          <span>
            <Button type="danger" loading={withdraw.isPending} data-testid="campaign-withdraw">
              {t('actions.withdraw')}
            </Button>
          </span>
        </Popconfirm>
      )}
      {receipt !== null && (
        <ReceiptDialog app={app} problem={receipt} onClose={() => setReceipt(null)} />
      )}
      {content && <ContentDialog app={app} onClose={() => setContent(false)} />}
    </div>
  );
}
