import { IllustrationFailure } from '@douyinfe/semi-illustrations';
import { Button, Empty, Spin, Typography } from '@douyinfe/semi-ui';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * One query's states: `pending` until the first result, `error` when it failed (with a
 * `retry` that refetches), `empty` when `isEmpty` says the data has nothing to show, and
 * `children` with the data otherwise. An error wins over data kept from before.
 */
export function QueryView<T>({
  query,
  pending = <Spin />,
  error,
  isEmpty,
  empty = null,
  children,
}: {
  query: UseQueryResult<T>;
  pending?: ReactNode;
  error: (error: Error, retry: () => void) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <>{pending}</>;
  if (query.isError) return <>{error(query.error, () => void query.refetch())}</>;
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}

/** A small part of a page that could not be read: why, in one line, and 重试. */
export function InlineFailure({
  text,
  onRetry,
  testId,
  children,
}: {
  text: string;
  onRetry: () => void;
  testId?: string;
  /** Another way out, after 重试 (e.g. back to every year). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="inline-failure" data-testid={testId}>
      <Typography.Text type="danger">{text}</Typography.Text>
      <Button size="small" theme="borderless" onClick={onRetry}>
        {t('retry')}
      </Button>
      {children}
    </div>
  );
}

/** A spinner in a box that centres it (each page has its own: `hall-center`, `settle-center`). */
export function Loading({
  className,
  size = 'large',
}: {
  className: string;
  size?: 'small' | 'middle' | 'large';
}) {
  return (
    <div className={className}>
      <Spin size={size} />
    </div>
  );
}

/** What could not be loaded, with an illustration and a 重试 button. */
export function LoadFailed({
  title,
  description,
  onRetry,
  size,
  className,
  testId,
}: {
  title: string;
  description?: string;
  onRetry: () => void;
  /** The illustration's width and height in px. */
  size: number;
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Empty
      className={className}
      data-testid={testId}
      image={<IllustrationFailure style={{ width: size, height: size }} />}
      title={title}
      description={description}
    >
      <Button onClick={onRetry}>{t('retry')}</Button>
    </Empty>
  );
}
