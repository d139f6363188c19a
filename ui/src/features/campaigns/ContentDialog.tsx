import { Banner, Button, DatePicker, Input, Modal, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { reportContent } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { chinaToday } from './dates';

const { Text } = Typography;

const WEB_LINK = /^https?:\/\/\S+$/;

/** 提交作品: the published work's link and day, for the brand's review (R-REVIEW-13..15). */
export function ContentDialog({ app, onClose }: { app: ApplicationView; onClose: () => void }) {
  const { t } = useTranslation(['campaigns', 'common']);
  const notify = useNotify(['campaigns', 'common']);
  const urlId = useId();
  const today = chinaToday();
  const [url, setUrl] = useState(app.content?.url ?? '');
  const [day, setDay] = useState<string | null>(app.published_on ?? today);
  const [tried, setTried] = useState(false);
  const send = useMutation({
    mutationFn: ({ link, on }: { link: string; on: string }) => reportContent(app.id, link, on),
    onSuccess: () => {
      notify.success((t) => t('content.sent'));
      onClose();
    },
  });

  const link = url.trim();
  const urlOk = WEB_LINK.test(link);
  const submit = () => {
    setTried(true);
    if (urlOk && day !== null) send.mutate({ link, on: day });
  };

  return (
    <Modal
      visible
      title={t('content.title')}
      onCancel={onClose}
      maskClosable={false}
      width={520}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            theme="solid"
            loading={send.isPending}
            onClick={submit}
            data-testid="content-submit"
          >
            {t('content.submit')}
          </Button>
        </>
      }
    >
      <div className="cmp-form" data-testid="content-form">
        <Text type="tertiary" size="small">
          {t('content.intro')}
        </Text>
        <label className="cmp-form__label" htmlFor={urlId}>
          {t('content.url')}
        </label>
        <Input
          id={urlId}
          value={url}
          onChange={setUrl}
          placeholder={t('content.urlPlaceholder')}
          validateStatus={tried && !urlOk ? 'error' : 'default'}
          data-testid="content-url"
        />
        {tried && !urlOk && (
          <Text type="danger" data-testid="content-url-problem">
            {t('content.urlRequired')}
          </Text>
        )}
        <span className="cmp-form__label">{t('content.publishedOn')}</span>
        <DatePicker
          type="date"
          format="yyyy-MM-dd"
          value={day ?? undefined}
          onChange={(_date, text) => setDay(typeof text === 'string' && text !== '' ? text : null)}
          // A work is reported once it is public: never a day after today.
          disabledDate={(d) => d !== undefined && isoDay(d) > today}
          data-testid="content-day"
        />
        {tried && day === null && <Text type="danger">{t('content.dayRequired')}</Text>}
        {send.isError && (
          <Banner
            type="danger"
            closeIcon={null}
            data-testid="content-error"
            description={t('failed', { text: errorText(t, send.error) })}
          />
        )}
      </div>
    </Modal>
  );
}

/** A picker's local date as `YYYY-MM-DD`. */
function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
