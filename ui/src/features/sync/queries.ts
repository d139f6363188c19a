import type { QueryClient } from '@tanstack/react-query';
import { statusKey } from '../../shared/appStatus';
import { invalidateTaskHall } from '../taskHall/queries';

/** After a sync or a change of source, the status and every list, count and detail may have changed. */
export function invalidateData(client: QueryClient): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: statusKey }),
    invalidateTaskHall(client),
  ]);
}
