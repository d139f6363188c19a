import { Layout, Nav } from '@douyinfe/semi-ui';
import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsTab } from '../features/account/SettingsSheet';
import { dismissFirstPaint } from '../firstPaint/firstPaint';
import { useAppStatus } from '../shared/appStatus';
import { errorCodeText } from '../shared/errors';
import { reopenContext } from '../shared/ipc';
import { type Focus, type Navigation, NavigationProvider } from '../shared/navigation';
import { LoadFailed, Loading, QueryView } from '../shared/QueryView';
import { startupMark } from '../shared/startupMarks';
import { AppHeader } from './AppHeader';
import { PAGES, type PageKey, pageLabel, pageOf } from './pages';
import { SyncErrorBanner } from './SyncErrorBanner';

const { Header, Sider, Content } = Layout;

// The settings (and every tab's form) load when first opened: the cold start parses none.
const SettingsSheet = lazy(() =>
  import('../features/account/SettingsSheet').then((m) => ({ default: m.SettingsSheet })),
);

export function App() {
  // Cold-start marks (shared/startupMarks.ts): the first render; its DOM committed and
  // laid out (layout effects, before the paint); its effects, which run after the paint.
  startupMark('app_render');
  useLayoutEffect(() => startupMark('app_laid_out'), []);
  useEffect(() => startupMark('app_committed'), []);
  const { t } = useTranslation();
  const status = useAppStatus();
  // The sheet is mounted from its first opening on (closing keeps Semi's animation).
  const [settings, setSettings] = useState<{ open: boolean; mounted: boolean; tab?: SettingsTab }>({
    open: false,
    mounted: false,
  });
  const [pageKey, setPageKey] = useState<PageKey>(PAGES[0].key);
  const [focus, setFocus] = useState<Focus | null>(null);
  const focusSeq = useRef(0);
  const page = pageOf(pageKey);
  // The first paint (firstPaint/) stands for the task hall's rows: another page, or no
  // status to show the hall with, takes its place at once.
  const hallShown = 'early' in page && !status.isError;
  useLayoutEffect(() => {
    if (!hallShown) dismissFirstPaint();
  }, [hallShown]);
  const openSettings = () => setSettings({ open: true, mounted: true });
  // A page asks for another page (and an id on it to show); the nav shows a page as it is.
  const navigation = useMemo<Navigation>(
    () => ({
      go: (key, id) => {
        setPageKey(key);
        focusSeq.current += 1;
        setFocus(id === undefined ? null : { page: key, id, seq: focusSeq.current });
      },
      openSettings: (tab) => setSettings({ open: true, mounted: true, tab }),
      focus,
    }),
    [focus],
  );

  // Without a status there is no store to read: key or database trouble, most likely.
  // Retry opens the data directory again (the keychain unlocked meanwhile), then asks.
  const fatal = (error: unknown, retry: () => void) => (
    <LoadFailed
      className="hall-empty"
      testId="fatal-error"
      size={160}
      title={t('fatal.title')}
      description={errorCodeText(t, error)}
      onRetry={() => {
        reopenContext()
          .catch(() => {})
          .finally(retry);
      }}
    />
  );
  // One boundary per page: a lazy page shows the spinner while its code loads.
  const content =
    'early' in page && !status.isError ? (
      // The task hall asks for its rows at once; the status fills in when it comes.
      <Suspense key={page.key} fallback={<Loading className="hall-center" />}>
        <page.component status={status.data} />
      </Suspense>
    ) : (
      <QueryView query={status} pending={<Loading className="hall-center" />} error={fatal}>
        {(data) => (
          <Suspense key={page.key} fallback={<Loading className="hall-center" />}>
            <page.component status={data} />
          </Suspense>
        )}
      </QueryView>
    );

  return (
    <NavigationProvider value={navigation}>
      <Layout className="app">
        <Header>
          <AppHeader status={status.data} onOpenSettings={openSettings} />
        </Header>
        {status.data?.last_error && (
          <SyncErrorBanner error={status.data.last_error} onOpenSettings={openSettings} />
        )}
        <Layout className="app-body">
          <Sider className="app-sider">
            <Nav
              selectedKeys={[page.key]}
              onSelect={({ itemKey }) => navigation.go(pageOf(String(itemKey)).key)}
              items={PAGES.map((p) => ({
                itemKey: p.key,
                // Semi's items take no data-testid: the label carries it for WebDriver.
                text: <span data-testid={p.testId}>{pageLabel(t, p)}</span>,
                icon: p.icon,
              }))}
              footer={{ collapseButton: true }}
              style={{ height: '100%' }}
            />
          </Sider>
          <Content className="app-content">{content}</Content>
        </Layout>
        {settings.mounted && (
          <Suspense fallback={null}>
            <SettingsSheet
              visible={settings.open}
              initialTab={settings.tab}
              status={status.data}
              onClose={() => setSettings({ open: false, mounted: true })}
            />
          </Suspense>
        )}
      </Layout>
    </NavigationProvider>
  );
}
