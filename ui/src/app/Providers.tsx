import { LocaleProvider } from '@douyinfe/semi-ui';
import en_US from '@douyinfe/semi-ui/lib/es/locale/source/en_US';
import zh_CN from '@douyinfe/semi-ui/lib/es/locale/source/zh_CN';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { SyncProvider } from '../features/sync/SyncProvider';
import { useLang } from '../i18n';
import { NotifyProvider } from '../shared/notify';
import { DataEvents } from './dataEvents';

/** Everything the screens need around them: query cache, Semi's locale, core's events, the sync. */
export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  const lang = useLang();
  return (
    <QueryClientProvider client={client}>
      <LocaleProvider locale={lang === 'en' ? en_US : zh_CN}>
        <NotifyProvider>
          <DataEvents />
          <SyncProvider>{children}</SyncProvider>
        </NotifyProvider>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
