import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The data is local; it changes on sync or settings, which invalidate explicitly,
        // and with China's date (dataEvents.tsx refreshes everything at its midnight).
        staleTime: Number.POSITIVE_INFINITY,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        // IPC errors carry a code and are not transient network blips: show them at once.
        retry: false,
      },
      mutations: { retry: false },
    },
  });
}
