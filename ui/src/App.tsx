import { IconList } from '@douyinfe/semi-icons';
import { IllustrationFailure } from '@douyinfe/semi-illustrations';
import { Button, Empty, Layout, Nav, Spin } from '@douyinfe/semi-ui';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IpcError } from './ipc';
import { useAppStatus } from './queries';
import { AppHeader } from './shell/AppHeader';
import { SettingsModal } from './shell/SettingsModal';
import { SyncErrorBanner } from './shell/SyncErrorBanner';
import { TaskHall } from './taskHall/TaskHall';

const { Header, Sider, Content } = Layout;

export function App() {
  const { t } = useTranslation();
  const status = useAppStatus();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const openSettings = () => setSettingsOpen(true);

  let content: ReactNode;
  if (status.isPending) {
    content = (
      <div className="hall-center">
        <Spin size="large" />
      </div>
    );
  } else if (status.isError) {
    // Without a status there is no store to read: key or database trouble, most likely.
    const code = status.error instanceof IpcError ? status.error.code : 'internal';
    content = (
      <Empty
        className="hall-empty"
        data-testid="fatal-error"
        image={<IllustrationFailure style={{ width: 160, height: 160 }} />}
        title={t('fatal.title')}
        description={`${t(`errors.${code}`)} (${code})`}
      >
        <Button onClick={() => void status.refetch()}>{t('fatal.retry')}</Button>
      </Empty>
    );
  } else {
    content = <TaskHall status={status.data} />;
  }

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
            selectedKeys={['tasks']}
            items={[{ itemKey: 'tasks', text: t('nav.taskHall'), icon: <IconList /> }]}
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
