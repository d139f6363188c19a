import { SideSheet, TabPane, Tabs } from '@douyinfe/semi-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../bindings';
import { AddressDisclosuresTab } from '../campaigns/AddressDisclosuresTab';
import { TrackingTab } from '../logistics/TrackingTab';
import { AddressesTab } from '../profile/AddressesTab';
import { RemindersTab } from '../profile/RemindersTab';
import { SnippetsTab } from '../profile/SnippetsTab';
import { AccountTab } from './AccountTab';

export type SettingsTab =
  | 'account'
  | 'addresses'
  | 'disclosures'
  | 'snippets'
  | 'reminders'
  | 'tracking';

/**
 * 设置, as a side sheet: 账号 (this feature), then the creator's profile — 收货地址, 常用文案,
 * 提醒 (`features/profile`) — with 谁有我的地址 (`features/campaigns`) after the addresses,
 * and 物流跟踪 (`features/logistics`) last. Each opening starts on 账号 (or the tab a page
 * asked for); a tab loads its data when it is first shown.
 */
export function SettingsSheet({
  visible,
  initialTab = 'account',
  status,
  onClose,
}: {
  visible: boolean;
  /** Where an opening starts (a page's "去设置" opens its own tab). */
  initialTab?: SettingsTab | undefined;
  status: AppStatus | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation(['account', 'profile', 'campaigns', 'logistics']);
  const [tab, setTab] = useState<SettingsTab>('account');

  useEffect(() => {
    if (visible) setTab(initialTab);
  }, [visible, initialTab]);

  const label = (key: SettingsTab, text: string) => (
    // Semi's tabs take no data-testid: the label carries it for WebDriver.
    <span data-testid={`settings-tab-${key}`}>{text}</span>
  );

  return (
    <SideSheet
      title={t('title')}
      visible={visible}
      onCancel={onClose}
      width={720}
      className="settings-sheet"
    >
      <Tabs activeKey={tab} onChange={(key) => setTab(key as SettingsTab)} lazyRender>
        <TabPane itemKey="account" tab={label('account', t('tab'))}>
          <AccountTab visible={visible} status={status} onClose={onClose} />
        </TabPane>
        <TabPane itemKey="addresses" tab={label('addresses', t('profile:tabs.addresses'))}>
          <AddressesTab />
        </TabPane>
        <TabPane itemKey="disclosures" tab={label('disclosures', t('campaigns:disclosures.tab'))}>
          <AddressDisclosuresTab />
        </TabPane>
        <TabPane itemKey="snippets" tab={label('snippets', t('profile:tabs.snippets'))}>
          <SnippetsTab />
        </TabPane>
        <TabPane itemKey="reminders" tab={label('reminders', t('profile:tabs.reminders'))}>
          <RemindersTab />
        </TabPane>
        <TabPane itemKey="tracking" tab={label('tracking', t('logistics:settings.tab'))}>
          <TrackingTab />
        </TabPane>
      </Tabs>
    </SideSheet>
  );
}
