//! The app status (`app_status`): data source, creator, last sync, storage. The frame, the
//! sync, the settings and the pages all read it; a sync or a settings change invalidates it.

import { useQuery } from '@tanstack/react-query';
import { appStatus } from './ipc';

export const statusKey = ['status'] as const;

export function useAppStatus() {
  return useQuery({ queryKey: statusKey, queryFn: appStatus });
}
