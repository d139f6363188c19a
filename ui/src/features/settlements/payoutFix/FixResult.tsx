import { IconAlertTriangle, IconTick } from '@douyinfe/semi-icons';
import { Banner, Tag, Typography } from '@douyinfe/semi-ui';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayoutFixGuide } from '../../../bindings';
import { CopyButton } from '../../../shared/CopyButton';
import { formatMoney } from '../../../shared/format';
import { stepLabel } from '../labels';
import { accountCheckText } from '../reasonText';

const { Text, Title } = Typography;

/** Step c: the verdict on the account, the ordered steps, the amounts and the e-mail. */
export function FixResult({ guide }: { guide: PayoutFixGuide }) {
  const { t } = useTranslation('settlements');
  const cancellable = guide.rule === 'R-SETTLE-3';
  const section = useRef<HTMLElement>(null);
  // A new plan appears below the form, out of sight: bring it into view.
  useEffect(() => {
    if (guide.steps.length > 0)
      section.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [guide]);
  return (
    <section ref={section} className="fix-step-section fix-result" data-testid="fix-result">
      <Title heading={6}>3. {t('fix.resultTitle')}</Title>

      <div className="fix-result__block">
        <Text strong>{t('fix.checks')}</Text>
        {guide.checks === null ? (
          <div data-testid="fix-checks-missing">
            <Banner type="warning" closeIcon={null} description={t('fix.checksMissing')} />
          </div>
        ) : (
          <ul className="fix-checks">
            {guide.checks.map((c) => (
              <li
                key={c.field}
                className={`fix-check ${c.passed ? 'is-ok' : 'is-failed'}`}
                data-testid="fix-check-row"
                data-field={c.field}
                data-passed={c.passed ? 'true' : 'false'}
              >
                <span className="fix-check__mark">
                  {c.passed ? <IconTick /> : <IconAlertTriangle />}
                </span>
                <span className="fix-check__body">{accountCheckText(t, c)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="fix-result__facts">
        <div>
          <Text type="tertiary">{t('fix.rule')}</Text>
          <div data-testid="fix-rule">
            <Tag color={cancellable ? 'blue' : 'orange'} type="solid" size="small">
              {guide.rule}
            </Tag>{' '}
            {cancellable ? t('fix.path.cancellable') : t('fix.path.notCancellable')}
          </div>
        </div>
        <div>
          <Text type="tertiary">{t('fix.invoiced')}</Text>
          <div className="fix-amount" data-testid="fix-invoiced">
            {formatMoney(guide.invoiced_amount)}
          </div>
        </div>
        {guide.supplementary_invoice !== null && (
          <div>
            <Text type="tertiary">{t('fix.supplementary')}</Text>
            <div className="fix-amount is-warning" data-testid="fix-supplementary">
              {formatMoney(guide.supplementary_invoice)}
            </div>
          </div>
        )}
        {guide.excess_invoiced !== null && (
          <div>
            <Text type="tertiary">{t('fix.excess')}</Text>
            <div className="fix-amount is-danger" data-testid="fix-excess">
              {formatMoney(guide.excess_invoiced)}
            </div>
          </div>
        )}
        <div>
          <Text type="tertiary">{t('fix.tracking')}</Text>
          <div data-testid="fix-tracking" className="mono">
            {guide.tracking_numbers.length > 0
              ? guide.tracking_numbers.join(t('listSeparator'))
              : t('fix.trackingNone')}
          </div>
        </div>
      </div>

      <div className="fix-result__block">
        <Text strong>{t('fix.steps')}</Text>
        <ol className="fix-steps">
          {guide.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a step may repeat; order is identity
            <li key={i} data-testid="fix-step" data-code={s.code}>
              {stepLabel(t, s.code, s.amount)}
            </li>
          ))}
        </ol>
      </div>

      <div className="fix-result__block fix-email">
        <Text strong>{t('fix.email')}</Text>
        <Text type="tertiary" size="small">
          {t('fix.emailNote')}
        </Text>
        <div className="fix-email__row">
          <Text type="tertiary">{t('fix.subject')}</Text>
          <CopyButton text={guide.email_subject} testId="fix-copy-subject" />
        </div>
        <div className="fix-email__subject" data-testid="fix-email-subject" lang="zh-CN">
          {guide.email_subject}
        </div>
        <div className="fix-email__row">
          <Text type="tertiary">{t('fix.body')}</Text>
          <CopyButton text={guide.email_body} testId="fix-copy-body" />
        </div>
        <pre className="fix-email__body" data-testid="fix-email-body" lang="zh-CN">
          {guide.email_body}
        </pre>
      </div>
    </section>
  );
}
