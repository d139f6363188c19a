import { TabPane, Tabs, Typography } from '@douyinfe/semi-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocus } from '../../shared/navigation';
import { AgendaPanel } from './AgendaPanel';
import { ApplicationsList } from './ApplicationsList';
import { OutboxSection } from './OutboxSection';

const { Title, Text } = Typography;

type Tab = 'applications' | 'agenda';

/** 我的合作: what is not sent yet, then the applications by status, or the agenda. */
export function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  const [tab, setTab] = useState<Tab>('applications');
  const focus = useFocus('campaigns');
  // Asked to show an application (the agenda's link, 物流's "打开合作"): its card is on the
  // applications tab.
  useEffect(() => {
    if (focus !== null) setTab('applications');
  }, [focus]);
  const label = (key: Tab) => (
    // Semi's tabs take no data-testid: the label carries it for WebDriver.
    <span data-testid={`campaigns-tab-${key}`}>{t(`tabs.${key}`)}</span>
  );
  return (
    <div className="cmp" data-testid="campaigns-page">
      <header className="cmp__head">
        <Title heading={4}>{t('title')}</Title>
        <Text type="tertiary">{t('intro')}</Text>
      </header>
      <OutboxSection />
      <Tabs
        type="line"
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        lazyRender
        keepDOM={false}
      >
        <TabPane itemKey="applications" tab={label('applications')}>
          <ApplicationsList />
        </TabPane>
        <TabPane itemKey="agenda" tab={label('agenda')}>
          <AgendaPanel />
        </TabPane>
      </Tabs>
    </div>
  );
}
