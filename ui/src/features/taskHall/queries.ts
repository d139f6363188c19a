//! TanStack Query keys and hooks of the task hall.
//!
//! Everything it shows comes from the local store, which changes only through a sync or a
//! settings change, and from China's date (eligibility, the deadline filter): core's
//! `data_changed` event for the `tasks` area refreshes these queries, and so does China's
//! midnight (`app/dataEvents.tsx`).

import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { TaskPage } from '../../bindings';
import { facets, queryTasks, taskDetail } from '../../shared/ipc';
import { startupMark } from '../../shared/startupMarks';
import { FIRST_FILTER, pageQuery, type TaskFilter, takeFirstPage } from './firstPage';

export { PAGE_SIZE, pageQuery, type TaskFilter } from './firstPage';

export const taskKeys = {
  facets: ['facets'] as const,
  allTasks: ['tasks'] as const,
  taskPage: (filter: TaskFilter, pageIndex: number) => ['tasks', filter, pageIndex] as const,
  allDetails: ['task_detail'] as const,
  taskDetail: (id: string) => ['task_detail', id] as const,
};

/** Key and fetch of one page of 100 (page 0 carries the total). */
export function taskPageQuery(filter: TaskFilter, pageIndex: number) {
  return {
    queryKey: taskKeys.taskPage(filter, pageIndex),
    queryFn: () =>
      queryTasks(pageQuery(filter, pageIndex)).then((page) => {
        startupMark('first_page_answered');
        return page;
      }),
  };
}

/** The seeding of the early first page, settled once its question (or the fallback) is. */
let seededEarly: Promise<unknown> | null = null;

/**
 * Once the window listens to core's events (`app/dataEvents.tsx`): asks again for the
 * first page seeded early, if it was. Its answer may have been taken during the startup
 * sync, whose `data_changed` went out before anyone listened; the rows stay on screen
 * meanwhile and change only if the answer did.
 */
export function refreshEarlyFirstPage(client: QueryClient): void {
  const seeded = seededEarly;
  if (seeded === null) return;
  seededEarly = null;
  // After the early question settled: invalidating a query whose first fetch is still on
  // its way joins that fetch, whose success then clears the invalidation.
  void seeded.then(() =>
    client.invalidateQueries({ queryKey: taskKeys.taskPage(FIRST_FILTER, 0), exact: true }),
  );
}

/**
 * Puts the first page asked for early (`firstPage.ts`) in the query cache, before the
 * first render: its answer when it came already, else the question still on its way (and
 * if that fails, the hall's own question, as without it).
 */
export function seedFirstPage(client: QueryClient): void {
  const early = takeFirstPage();
  if (early === null) return;
  const { queryKey, queryFn } = taskPageQuery(FIRST_FILTER, 0);
  if (early.page !== undefined) {
    startupMark('first_page_answered');
    client.setQueryData<TaskPage>(queryKey, early.page);
    seededEarly = Promise.resolve();
    return;
  }
  seededEarly = client.prefetchQuery({
    queryKey,
    queryFn: () =>
      early.promise.then(
        (page) => {
          startupMark('first_page_answered');
          return page;
        },
        () => queryFn(),
      ),
  });
}

export function useFacets() {
  return useQuery({ queryKey: taskKeys.facets, queryFn: facets });
}

export function useTaskDetail(id: string | null) {
  return useQuery({
    queryKey: taskKeys.taskDetail(id ?? ''),
    queryFn: () => taskDetail(id ?? ''),
    enabled: id !== null,
  });
}
