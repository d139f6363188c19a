import { IconSetting } from '@douyinfe/semi-icons';
import { Button, Tag, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../bindings';
import { LastSynced } from '../features/sync/LastSynced';
import { SyncButton } from '../features/sync/SyncButton';
import { setLang, useLang } from '../i18n';
import { formatCount, formatFollowers } from '../shared/format';

const { Text } = Typography;

export function AppHeader({
  status,
  onOpenSettings,
}: {
  status: AppStatus | undefined;
  onOpenSettings: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const creator = status?.creator ?? null;

  return (
    <div className="app-header">
      <div className="app-header__brand">
        <span className="app-header__logo" aria-hidden="true">
          ★
        </span>
        <span className="app-header__name">{t('app.name')}</span>
        <span className="app-header__wordmark">{t('app.wordmark')}</span>
        {status &&
          (status.source.kind === 'sandbox' ? (
            <Tag color="teal" type="light" data-testid="source-badge">
              {t('header.sourceSandbox')}
            </Tag>
          ) : (
            <Tag color="blue" type="light" data-testid="source-badge">
              {t('header.sourcePlatform')}
              <span className="app-header__url" title={status.source.url}>
                {status.source.url}
              </span>
            </Tag>
          ))}
      </div>

      <div className="app-header__creator">
        {creator ? (
          <>
            <span className="app-header__nickname" data-testid="creator-nickname">
              {creator.nickname}
            </span>
            <Tag size="small" color="amber" type="solid">
              {t('header.level', { level: creator.level })}
            </Tag>
            <Text
              type="secondary"
              size="small"
              data-testid="creator-followers"
              title={formatCount(creator.followers)}
            >
              {t('header.followers', { value: formatFollowers(creator.followers, lang) })}
            </Text>
          </>
        ) : (
          status && (
            <Text type="tertiary" size="small">
              {t('header.noCreator')}
            </Text>
          )
        )}
      </div>

      <div className="app-header__actions">
        {status && status.outbox_waiting > 0 && (
          <span title={t('header.outboxWaitingHint')}>
            <Tag
              color="orange"
              type="light"
              data-testid="outbox-count"
              data-count={status.outbox_waiting}
            >
              {t('header.outboxWaiting', { count: status.outbox_waiting })}
            </Tag>
          </span>
        )}
        {status && <LastSynced at={status.last_synced_at} />}
        <SyncButton />
        <Button
          theme="borderless"
          type="tertiary"
          onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
          data-testid="lang-switch"
          aria-label={t('header.langSwitchLabel')}
          title={t('header.langSwitchLabel')}
        >
          {t('header.langSwitch')}
        </Button>
        <Button
          theme="borderless"
          type="tertiary"
          icon={<IconSetting />}
          onClick={onOpenSettings}
          data-testid="settings-button"
          aria-label={t('header.settings')}
          title={t('header.settings')}
        />
      </div>
    </div>
  );
}
