import { Tag } from '@douyinfe/semi-ui';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../bindings';

type TagColor = NonNullable<ComponentProps<typeof Tag>['color']>;

const STATUS_COLOR: Record<ApplicationStatus, TagColor> = {
  submitted: 'blue',
  withdrawn: 'grey',
  not_selected: 'grey',
  selected: 'cyan',
  shipped: 'cyan',
  delivered: 'cyan',
  content_submitted: 'light-blue',
  content_rejected: 'orange',
  content_approved: 'green',
  published: 'green',
  completed: 'green',
  failed: 'red',
  reward_listed: 'amber',
  reward_paid: 'amber',
};

/** An application's status in words (待品牌方选择, 样品已寄出, …). */
export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation('campaigns');
  return (
    <Tag
      size="small"
      color={STATUS_COLOR[status]}
      data-testid="campaign-status"
      data-status={status}
    >
      {t(`status.${status}`)}
    </Tag>
  );
}
