import { IconSearch } from '@douyinfe/semi-icons';
import { Empty, Input } from '@douyinfe/semi-ui';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';

/** The id search of a paged list (core searches task, statement and transaction ids). */
export function IdSearch({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const { t } = useTranslation('settlements');
  return (
    <Input
      className="discrepancies__search"
      prefix={<IconSearch />}
      showClear
      value={value}
      onChange={onChange}
      placeholder={t('list.search')}
      data-testid={testId}
    />
  );
}

/**
 * What a paged list shows without rows: the load's error, nothing while the first page
 * loads, `none` when the reconciliation has no such rows at all, else "no results".
 */
export function PageEmpty({
  page,
  hasAny,
  none,
}: {
  page: UseQueryResult<unknown>;
  hasAny: boolean;
  none: string;
}) {
  const { t } = useTranslation('settlements');
  if (page.isError) {
    return <Empty description={t('loadFailed', { text: errorText(t, page.error) })} />;
  }
  if (page.isPending) return null;
  return <Empty description={hasAny ? t('list.noResults') : none} />;
}
