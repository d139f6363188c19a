import { type QueryKey, useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskPage, TaskRow } from '../../bindings';
import { dismissFirstPaint } from '../../firstPaint/firstPaint';
import { PAGE_SIZE, type TaskFilter, taskPageQuery } from './queries';
import { ROW_HEIGHT, TaskRowFailed, TaskRowSkeleton, TaskRowView } from './TaskRowView';

export interface Selection {
  id: string | null;
  /** Position in the current result list; -1 when the list changed under the selection. */
  index: number;
}

interface Props {
  filter: TaskFilter;
  total: number;
  selection: Selection | null;
  onSelect: (selection: Selection) => void;
}

/**
 * The task hall's rows: only what is on screen is rendered, and only the pages of 100 that
 * those rows fall in are fetched, so 100,000 tasks scroll like 100.
 */
export function TaskList({ filter, total, selection, onSelect }: Props) {
  const { t } = useTranslation('taskHall');
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  // A new result list starts at its top.
  const filterKey = JSON.stringify(filter);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filter changes
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [filterKey]);

  const items = virtualizer.getVirtualItems();
  const pageIndexes = [...new Set(items.map((item) => Math.floor(item.index / PAGE_SIZE)))];
  const pages = useQueries({
    queries: pageIndexes.map((pageIndex) => ({
      ...taskPageQuery(filter, pageIndex),
      // Keep showing the same page of the previous filter until the new one arrives, but
      // never another page's rows in this page's place.
      placeholderData: (previous: TaskPage | undefined, previousQuery?: { queryKey: QueryKey }) =>
        previousQuery?.queryKey[2] === pageIndex ? previous : undefined,
    })),
  });
  const rowsByPage = new Map<number, TaskRow[]>();
  // A page that could not be read shows why on its rows, with a retry (queries are not
  // retried by themselves: its skeletons would wait for good).
  const failedPages = new Map<number, { error: unknown; retry: () => void }>();
  let stale = false;
  pageIndexes.forEach((pageIndex, i) => {
    const page = pages[i];
    if (page?.data) rowsByPage.set(pageIndex, page.data.rows);
    else if (page?.isError) {
      failedPages.set(pageIndex, { error: page.error, retry: () => void page.refetch() });
    }
    if (page?.isPlaceholderData) stale = true;
  });
  const rowAt = (index: number): TaskRow | undefined =>
    rowsByPage.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];

  // The commit that puts rows on screen takes the first paint's place (firstPaint/).
  const rowsShown = items.some((item) => rowAt(item.index) !== undefined);
  useLayoutEffect(() => {
    if (rowsShown) dismissFirstPaint();
  }, [rowsShown]);

  // Keyboard moves can land on a row whose page is still loading: select it when it comes.
  const pendingIndex = selection && selection.id === null ? selection.index : -1;
  const pendingRow = pendingIndex >= 0 ? rowAt(pendingIndex) : undefined;
  useEffect(() => {
    if (pendingRow) onSelect({ id: pendingRow.id, index: pendingIndex });
  }, [pendingRow, pendingIndex, onSelect]);

  const selectRow = useCallback((id: string, index: number) => onSelect({ id, index }), [onSelect]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 || total === 0) return;
    e.preventDefault();
    const from = selection && selection.index >= 0 ? selection.index : -1;
    const index = Math.min(Math.max(from + step, 0), total - 1);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const row = rowAt(index);
    onSelect({ id: row ? row.id : null, index });
  };

  return (
    <div
      ref={scrollRef}
      className={stale ? 'task-list is-stale' : 'task-list'}
      data-virtual-scroller=""
      role="listbox"
      aria-label={t('hall.listLabel')}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="task-list__inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          const failed = failedPages.get(Math.floor(item.index / PAGE_SIZE));
          return (
            <div
              key={item.key}
              className="task-list__slot"
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              {row ? (
                <TaskRowView
                  row={row}
                  index={item.index}
                  selected={selection?.id === row.id}
                  onSelect={selectRow}
                />
              ) : failed ? (
                <TaskRowFailed error={failed.error} onRetry={failed.retry} />
              ) : (
                <TaskRowSkeleton />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
