//! TanStack Query keys and hooks of the task hall.
//!
//! Everything it shows comes from the local store, which changes only through a sync or a
//! settings change; so nothing goes stale on a timer: core's `data_changed` event for the
//! `tasks` area refreshes these queries (`app/dataEvents.tsx`).

import { useQuery } from '@tanstack/react-query';
import type { TaskQuery } from '../../bindings';
import { facets, queryTasks, taskDetail } from '../../shared/ipc';
import { startupMark } from '../../shared/startupMarks';

/** A task-hall query without its paging: the identity of one result list. */
export type TaskFilter = Omit<TaskQuery, 'offset' | 'limit'>;

export const PAGE_SIZE = 100;

export const taskKeys = {
  facets: ['facets'] as const,
  allTasks: ['tasks'] as const,
  taskPage: (filter: TaskFilter, pageIndex: number) => ['tasks', filter, pageIndex] as const,
  allDetails: ['task_detail'] as const,
  taskDetail: (id: string) => ['task_detail', id] as const,
};

export function pageQuery(filter: TaskFilter, pageIndex: number): TaskQuery {
  return { ...filter, offset: pageIndex * PAGE_SIZE, limit: PAGE_SIZE };
}

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
