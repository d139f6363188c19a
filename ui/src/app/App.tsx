import { Layout, Nav } from '@douyinfe/semi-ui';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsSheet } from '../features/account/SettingsSheet';
import { useAppStatus } from '../shared/appStatus';
import { errorCodeText } from '../shared/errors';
import { LoadFailed, Loading, QueryView } from '../shared/QueryView';
import { AppHeader } from './AppHeader';
import { PAGES, type PageKey, pageLabel, pageOf } from './pages';
import { SyncErrorBanner } from './SyncErrorBanner';

const { Header, Sider, Content } = Layout;

export function App() {
  const { t } = useTranslation();
  const status = useAppStatus();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [pageKey, setPageKey] = useState<PageKey>(PAGES[0].key);
  const page = pageOf(pageKey);
  const openSettings = () => setSettingsOpen(true);

  const content = (
    <QueryView
      query={status}
      pending={<Loading className="hall-center" />}
      error={(error, retry) => (
        // Without a status there is no store to read: key or database trouble, most likely.
        <LoadFailed
          className="hall-empty"
          testId="fatal-error"
          size={160}
          title={t('fatal.title')}
          description={errorCodeText(t, error)}
          onRetry={retry}
        />
      )}
    >
      {(data) => (
        // One boundary per page: a lazy page shows the spinner while its code loads.
        <Suspense key={page.key} fallback={<Loading className="hall-center" />}>
          <page.component status={data} />
        </Suspense>
      )}
    </QueryView>
  );

  return (
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
            onSelect={({ itemKey }) => setPageKey(pageOf(String(itemKey)).key)}
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
      <SettingsSheet
        visible={settingsOpen}
        status={status.data}
        onClose={() => setSettingsOpen(false)}
      />
    </Layout>
  );
}
