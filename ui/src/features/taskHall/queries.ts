//! TanStack Query keys and hooks around the IPC commands.
//!
//! Everything the UI shows comes from the local store, which changes only through a sync or
//! a settings change; so nothing goes stale on a timer, and those two events invalidate.

import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { TaskQuery } from '../../bindings';
import { appStatus, facets, taskDetail } from '../../shared/ipc';

/** A task-hall query without its paging: the identity of one result list. */
export type TaskFilter = Omit<TaskQuery, 'offset' | 'limit'>;

export const PAGE_SIZE = 100;

export const queryKeys = {
  status: ['status'] as const,
  facets: ['facets'] as const,
  allTasks: ['tasks'] as const,
  taskPage: (filter: TaskFilter, pageIndex: number) => ['tasks', filter, pageIndex] as const,
  allDetails: ['task_detail'] as const,
  taskDetail: (id: string) => ['task_detail', id] as const,
};

export function pageQuery(filter: TaskFilter, pageIndex: number): TaskQuery {
  return { ...filter, offset: pageIndex * PAGE_SIZE, limit: PAGE_SIZE };
}

export function useAppStatus() {
  return useQuery({ queryKey: queryKeys.status, queryFn: appStatus });
}

export function useFacets() {
  return useQuery({ queryKey: queryKeys.facets, queryFn: facets });
}

export function useTaskDetail(id: string | null) {
  return useQuery({
    queryKey: queryKeys.taskDetail(id ?? ''),
    queryFn: () => taskDetail(id ?? ''),
    enabled: id !== null,
  });
}

/** After a sync or a change of source, every list, count and detail may have changed. */
export function invalidateData(client: QueryClient): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.status }),
    client.invalidateQueries({ queryKey: queryKeys.facets }),
    client.invalidateQueries({ queryKey: queryKeys.allTasks }),
    client.invalidateQueries({ queryKey: queryKeys.allDetails }),
  ]);
}
