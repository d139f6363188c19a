import { Tag } from '@douyinfe/semi-ui';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassCode } from '../../bindings';
import { classLabel } from './labels';

type TagColor = NonNullable<ComponentProps<typeof Tag>['color']>;

const CLASS_COLOR: Record<ClassCode, TagColor> = {
  payout_failed: 'red',
  missing_payout: 'orange',
  amount_mismatch: 'amber',
  payout_overdue: 'yellow',
  duplicate_payout: 'violet',
  unexpected_payout: 'cyan',
  unexpected_credit: 'blue',
  matched: 'green',
};

export function ClassTag({ code }: { code: ClassCode }) {
  const { t } = useTranslation('settlements');
  return (
    <Tag size="small" type="light" color={CLASS_COLOR[code]} data-class-tag={code}>
      {classLabel(t, code)}
    </Tag>
  );
}
