import { Button, Tag, TextArea, Typography } from '@douyinfe/semi-ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RightsView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { submitFeaturedCase } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { putFeaturedCase } from './queries';
import { CASE_STATUSES, codeOf } from './rightsText';

const { Title, Text, Paragraph } = Typography;

/** 学院精选案例 (R-LEVEL-8): one per creator from LV2 (R-LEVEL-4); the case submitted,
 * with its review state, or the form to write it. */
export function FeaturedCase({ view }: { view: RightsView }) {
  const { t } = useTranslation('rights');
  const featured = view.featured_case;
  const status = featured === null ? null : codeOf(CASE_STATUSES, featured.status);
  return (
    <section className="rts-card rts-featured" data-testid="rights-featured">
      <header className="rts-card__head">
        <Title heading={6}>{t('featured.title')}</Title>
      </header>
      <Text type="tertiary" size="small">
        {t('featured.intro')}
      </Text>
      {featured !== null ? (
        <div
          className="rts-featured__case"
          data-testid="featured-case"
          data-status={featured.status}
        >
          <div>
            <Tag color={status === 'live' ? 'green' : 'orange'}>
              {status === null ? featured.status : t(`featured.status.${status}`)}
            </Tag>{' '}
            <Text type="tertiary" size="small">
              {t('featured.submittedAt', { time: formatInstant(featured.submitted_at) })}
            </Text>
          </div>
          <Paragraph className="rts-featured__text">{featured.text}</Paragraph>
        </div>
      ) : view.featured_case_allowed ? (
        <CaseForm />
      ) : (
        <Text type="tertiary" data-testid="featured-locked">
          {t('featured.locked')}
        </Text>
      )}
    </section>
  );
}

function CaseForm() {
  const { t } = useTranslation(['rights', 'common']);
  const client = useQueryClient();
  const notify = useNotify(['rights', 'common']);
  const [text, setText] = useState('');
  const submit = useMutation({
    mutationFn: submitFeaturedCase,
    onSuccess: (featured) => {
      void putFeaturedCase(client, featured);
      notify.success((t) => t('featured.submitted'));
    },
    onError: (error) => notify.error((t) => t('failed', { text: errorText(t, error) })),
  });
  return (
    <div className="rts-featured__form">
      <TextArea
        value={text}
        onChange={setText}
        placeholder={t('featured.placeholder')}
        autosize={{ minRows: 3, maxRows: 8 }}
        data-testid="featured-text"
      />
      <div>
        <Button
          theme="solid"
          disabled={text.trim() === ''}
          loading={submit.isPending}
          onClick={() => submit.mutate(text.trim())}
          data-testid="featured-submit"
        >
          {t('featured.submit')}
        </Button>
      </div>
    </div>
  );
}
