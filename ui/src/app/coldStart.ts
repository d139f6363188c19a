//! What the cold start asks for first, with the keys the pages read it under.

import type { QueryClient } from '@tanstack/react-query';
import { EMPTY_FILTERS, toTaskFilter } from '../features/taskHall/filters';
import { taskKeys, taskPageQuery } from '../features/taskHall/queries';
import { statusKey } from '../shared/appStatus';
import { appStatus, facets } from '../shared/ipc';

/**
 * Starts the status, the task hall's first page (no filters, as the hall opens) and its
 * facets. Errors stay in the cache for the page to show, as if it had asked itself.
 */
export function prefetchColdStart(client: QueryClient): void {
  void client.prefetchQuery(taskPageQuery(toTaskFilter(EMPTY_FILTERS), 0));
  void client.prefetchQuery({ queryKey: statusKey, queryFn: appStatus });
  void client.prefetchQuery({ queryKey: taskKeys.facets, queryFn: facets });
}
