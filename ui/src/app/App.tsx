import { IconList, IconNoteMoney } from '@douyinfe/semi-icons';
import { Layout, Nav } from '@douyinfe/semi-ui';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SettingsModal } from '../features/account/SettingsModal';
import { TaskHall } from '../features/taskHall/TaskHall';
import { useAppStatus } from '../shared/appStatus';
import { errorCodeText } from '../shared/errors';
import { LoadFailed, Loading, QueryView } from '../shared/QueryView';
import { AppHeader } from './AppHeader';
import { SyncErrorBanner } from './SyncErrorBanner';

// The Settlements page (and ECharts with it) loads on first use, so the task hall's
// cold start parses none of it.
const SettlementsPage = lazy(() =>
  import('../features/settlements/SettlementsPage').then((m) => ({ default: m.SettlementsPage })),
);

const { Header, Sider, Content } = Layout;

type Page = 'tasks' | 'settlements';

export function App() {
  const { t } = useTranslation(['common', 'taskHall', 'settlements']);
  const status = useAppStatus();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [page, setPage] = useState<Page>('tasks');
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
      {(data) =>
        page === 'settlements' ? (
          <Suspense fallback={<Loading className="hall-center" />}>
            <SettlementsPage />
          </Suspense>
        ) : (
          <TaskHall status={data} />
        )
      }
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
            selectedKeys={[page]}
            onSelect={({ itemKey }) => setPage(itemKey === 'settlements' ? 'settlements' : 'tasks')}
            items={[
              {
                itemKey: 'tasks',
                // Semi's items take no data-testid: the label carries it for WebDriver.
                text: <span data-testid="nav-tasks">{t('taskHall:nav')}</span>,
                icon: <IconList />,
              },
              {
                itemKey: 'settlements',
                text: <span data-testid="nav-settlements">{t('settlements:nav')}</span>,
                icon: <IconNoteMoney />,
              },
            ]}
            footer={{ collapseButton: true }}
            style={{ height: '100%' }}
          />
        </Sider>
        <Content className="app-content">{content}</Content>
      </Layout>
      <SettingsModal
        visible={settingsOpen}
        status={status.data}
        onClose={() => setSettingsOpen(false)}
      />
    </Layout>
  );
}
