import { Banner, Button, Modal, TextArea, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../bindings';
import type { TFor } from '../../i18n';
import { CopyButton } from '../../shared/CopyButton';
import { errorText } from '../../shared/errors';
import { reportReceipt } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { carrierName } from './carriers';
import { chinaToday } from './dates';

const { Text } = Typography;

export type ReceiptProblem = 'not_arrived' | 'refused';

/** The platform keeps a receipt note of at most this many characters. */
export const NOTE_MAX = 200;

/** The message to the brand, drafted from the campaign, its shipment and today. */
export function draftNote(
  t: TFor<'campaigns'>,
  app: ApplicationView,
  problem: ReceiptProblem,
  day: string,
): string {
  const s = app.shipment;
  const values = {
    brand: app.brand,
    title: app.task_title || app.task_id,
    shipment:
      s === null ? t('receipt.noShipment') : `${carrierName(t, s.carrier)} ${s.tracking_no}`,
    day,
  };
  return t(problem === 'not_arrived' ? 'receipt.draftNotArrived' : 'receipt.draftRefuse', values);
}

/**
 * 未收到 / 拒收 (R-REVIEW-16): a drafted message to the brand, editable and copyable, sent
 * as the receipt's note with `report_receipt(id, false, note)`.
 */
export function ReceiptDialog({
  app,
  problem,
  onClose,
}: {
  app: ApplicationView;
  problem: ReceiptProblem;
  onClose: () => void;
}) {
  const { t } = useTranslation(['campaigns', 'common']);
  const notify = useNotify(['campaigns', 'common']);
  const noteId = useId();
  const [note, setNote] = useState(() => draftNote(t, app, problem, chinaToday()));
  const [problemText, setProblemText] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (text: string) => reportReceipt(app.id, false, text),
    onSuccess: () => {
      notify.success((t) => t('receipt.sent'));
      onClose();
    },
  });

  const submit = () => {
    const text = note.trim();
    const wrong =
      text === ''
        ? t('receipt.required')
        : [...text].length > NOTE_MAX
          ? t('receipt.tooLong', { max: NOTE_MAX })
          : null;
    setProblemText(wrong);
    if (wrong === null) send.mutate(text);
  };

  return (
    <Modal
      visible
      title={t(problem === 'not_arrived' ? 'receipt.titleNotArrived' : 'receipt.titleRefuse')}
      onCancel={onClose}
      maskClosable={false}
      width={560}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            theme="solid"
            type={problem === 'refused' ? 'danger' : 'primary'}
            loading={send.isPending}
            onClick={submit}
            data-testid="receipt-send"
          >
            {t('receipt.send')}
          </Button>
        </>
      }
    >
      <div className="cmp-form" data-testid="receipt-form" data-problem={problem}>
        <Text type="tertiary" size="small">
          {t('receipt.intro')}
        </Text>
        <div className="cmp-form__row">
          <label className="cmp-form__label" htmlFor={noteId}>
            {t('receipt.noteLabel')}
          </label>
          <CopyButton text={note} testId="receipt-copy" />
        </div>
        <TextArea
          id={noteId}
          value={note}
          onChange={setNote}
          rows={5}
          maxCount={NOTE_MAX}
          validateStatus={problemText !== null ? 'error' : 'default'}
          data-testid="receipt-note"
        />
        {problemText !== null && (
          <Text type="danger" data-testid="receipt-problem">
            {problemText}
          </Text>
        )}
        {send.isError && (
          <Banner
            type="danger"
            closeIcon={null}
            data-testid="receipt-error"
            description={t('failed', { text: errorText(t, send.error) })}
          />
        )}
      </div>
    </Modal>
  );
}
