import { Button } from '@douyinfe/semi-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '../../bindings';
import { ApplySheet } from './ApplySheet';

/** 申请, on a product-review task only (R-REVIEW-1, R-REVIEW-12): opens the form. */
export function ApplyButton({ detail }: { detail: TaskDetail }) {
  const { t } = useTranslation('apply');
  const [open, setOpen] = useState(false);
  if (detail.row.settlement_mode !== 'product_review') return null;
  return (
    <>
      <Button
        theme="solid"
        className="apply-open"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        data-testid="apply-open"
      >
        {t('open')}
      </Button>
      {open && <ApplySheet detail={detail} onClose={() => setOpen(false)} />}
    </>
  );
}
