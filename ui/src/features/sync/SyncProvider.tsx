import { useMutation } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import type { SyncProgress } from '../../bindings';
import { useAppStatus } from '../../shared/appStatus';
import { errorCode } from '../../shared/errors';
import { onSyncProgress, subscription, syncNow } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';

export interface SyncState {
  /** A sync is running (ours, or one the app started by itself). */
  running: boolean;
  /** Every page is in and a first sync builds the search indexes. */
  indexing: boolean;
  applied: number;
  remaining: number;
  start: () => void;
}

const SyncContext = createContext<SyncState | null>(null);

/**
 * Owns the `sync://progress` subscription and the Sync action, so the header button, its
 * progress bar and the empty-state button all show the same sync.
 */
export function SyncProvider({ children }: { children: ReactNode }) {
  const notify = useNotify(['sync', 'common']);
  const status = useAppStatus();
  const [progress, setProgress] = useState<SyncProgress | null>(null);

  useEffect(
    () =>
      subscription(() =>
        onSyncProgress((p) => {
          setProgress(p);
        }),
      ),
    [],
  );

  const mutation = useMutation({
    mutationFn: syncNow,
    onMutate: () => setProgress({ phase: 'started', applied: 0, remaining: 0, error: null }),
    onSuccess: (summary) => {
      notify.success((t) => t('done', { count: summary.upserted, removed: summary.removed }));
    },
    onError: (error) => {
      const code = errorCode(error);
      // `busy`: a sync is already running and will report through events.
      if (code !== 'busy') notify.error((t) => t('failed', { text: t(`common:errors.${code}`) }));
    },
    onSettled: () => {
      setProgress((p) => (p && inProgress(p) ? { ...p, phase: 'done' } : p));
    },
  });

  const { mutate } = mutation;
  const start = useCallback(() => mutate(), [mutate]);
  const inFlight = progress !== null && inProgress(progress);
  const running = mutation.isPending || inFlight || status.data?.syncing === true;

  const value = useMemo<SyncState>(
    () => ({
      running,
      indexing: running && progress?.phase === 'indexing',
      applied: progress?.applied ?? 0,
      remaining: progress?.remaining ?? 0,
      start,
    }),
    [running, progress, start],
  );
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

function inProgress(p: SyncProgress): boolean {
  return p.phase === 'started' || p.phase === 'page' || p.phase === 'indexing';
}

export function useSync(): SyncState {
  const state = useContext(SyncContext);
  if (state === null) throw new Error('useSync outside SyncProvider');
  return state;
}
