import { Tag } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { Category, SettlementMode } from '../../bindings';
import { CATEGORY_COLOR, PRODUCT_REVIEW_COLOR } from './rowStyle';

/** The category tag, plus 好物测评 for product-review recruitments (R-REVIEW-1). */
export function CategoryTags({
  category,
  settlementMode,
}: {
  category: Category;
  settlementMode: SettlementMode | null;
}) {
  const { t } = useTranslation('taskHall');
  return (
    <>
      <Tag size="small" color={CATEGORY_COLOR[category]} type="light">
        {t(`category.${category}`)}
      </Tag>
      {settlementMode === 'product_review' && (
        <Tag
          size="small"
          color={PRODUCT_REVIEW_COLOR}
          type="solid"
          data-testid="tag-product-review"
        >
          {t('settlement.product_review')}
        </Tag>
      )}
    </>
  );
}
