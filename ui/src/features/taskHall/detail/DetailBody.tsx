//! The selected task's details (loaded on first selection, so the task hall's cold start
//! parses none of this: the apply form, the net table, the reward scheme).

import { Descriptions, Typography } from '@douyinfe/semi-ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '../../../bindings';
import { useLang } from '../../../i18n';
import { formatCount, formatFollowers, formatInstant, isZeroAmount } from '../../../shared/format';
import { ApplyButton } from '../../apply/ApplyButton';
import { industryText } from '../industryText';
import { CategoryTags } from '../tags';
import { EligibilityList } from './EligibilityList';
import { NetTable } from './NetTable';
import { RewardScheme } from './RewardScheme';

const { Title, Text, Paragraph } = Typography;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="detail-section">
      <h4 className="detail-section__title">{title}</h4>
      {children}
    </section>
  );
}

export function DetailBody({ detail }: { detail: TaskDetail }) {
  const { t } = useTranslation('taskHall');
  const lang = useLang();
  const { row } = detail;
  const followersReq =
    detail.max_followers !== null
      ? t('detail.followersRange', {
          min: formatFollowers(detail.min_followers, lang),
          max: formatFollowers(detail.max_followers, lang),
        })
      : isZeroAmount(detail.min_followers)
        ? t('detail.followersAny')
        : t('detail.followersAtLeast', { min: formatFollowers(detail.min_followers, lang) });

  return (
    <>
      <header className="detail-head">
        <Title heading={5} className="detail-head__title">
          {row.title}
        </Title>
        <Text type="secondary">{row.brand}</Text>
        <div className="detail-head__tags">
          <CategoryTags category={row.category} settlementMode={row.settlement_mode} />
          <span className="chip">{industryText(t, row.industry)}</span>
          <span className="chip">{t(`contentForm.${row.content_form}`)}</span>
        </div>
        <ApplyButton key={row.id} detail={detail} />
      </header>

      <Section title={t('detail.reward')}>
        <RewardScheme reward={detail.reward} sampleValue={row.sample_value} />
      </Section>

      <Section title={t('detail.net')}>
        <NetTable scenarios={detail.net} />
      </Section>

      <Section title={t('detail.eligibility')}>
        <EligibilityList eligibility={detail.eligibility} />
      </Section>

      <Section title={t('detail.dates')}>
        <Descriptions
          size="small"
          data-testid="detail-dates"
          data={[
            {
              key: t('detail.applyWindow'),
              value: t('detail.applyRange', { start: detail.apply_start, end: row.apply_end }),
            },
            { key: t('detail.shipBy'), value: detail.ship_by ?? t('detail.notSet') },
            { key: t('detail.uploadDeadline'), value: row.upload_deadline },
            {
              key: t('detail.retention'),
              value: t('detail.retentionDays', { count: detail.retention_days }),
            },
            { key: t('detail.updatedAt'), value: formatInstant(detail.updated_at) },
          ]}
        />
      </Section>

      <Section title={t('detail.conditions')}>
        <Descriptions
          size="small"
          data={[
            { key: t('detail.followersReq'), value: followersReq },
            {
              key: t('detail.slots'),
              value: t('detail.slotsValue', {
                taken: formatCount(row.slots_taken),
                wanted: formatCount(row.slots_wanted),
              }),
            },
          ]}
        />
      </Section>

      {detail.requirements.length > 0 && (
        <Section title={t('detail.requirements')}>
          <ul className="requirements">
            {detail.requirements.map((req) => (
              <li key={req}>{req}</li>
            ))}
          </ul>
        </Section>
      )}

      {detail.description !== '' && (
        <Section title={t('detail.description')}>
          <Paragraph className="description">{detail.description}</Paragraph>
        </Section>
      )}
    </>
  );
}
