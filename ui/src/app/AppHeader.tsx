import { IconRefresh, IconSetting } from '@douyinfe/semi-icons';
import { Button, Progress, Tag, Typography } from '@douyinfe/semi-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../bindings';
import { useSync } from '../features/sync/SyncProvider';
import { setLang, useLang } from '../i18n';
import { agoFrom, formatCount, formatFollowers, formatInstant } from '../shared/format';

const { Text } = Typography;

/** Re-renders every 30 s so "3 分钟前" keeps up with the clock. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function LastSynced({ at }: { at: string | null }) {
  const { t } = useTranslation(['common', 'sync']);
  const now = useNow();
  let when: string;
  if (at === null) {
    when = t('sync:neverSynced');
  } else {
    const ago = agoFrom(at, now);
    switch (ago.unit) {
      case 'now':
        when = t('sync:agoNow');
        break;
      case 'minutes':
        when = t('sync:agoMinutes', { count: ago.count });
        break;
      case 'hours':
        when = t('sync:agoHours', { count: ago.count });
        break;
      case 'days':
        when = t('sync:agoDays', { count: ago.count });
        break;
      case 'absolute':
        when = ago.text;
        break;
    }
  }
  return (
    <Text
      type="tertiary"
      size="small"
      data-testid="last-synced"
      title={at === null ? undefined : formatInstant(at)}
    >
      {t('sync:lastSynced', { when })}
    </Text>
  );
}

export function AppHeader({
  status,
  onOpenSettings,
}: {
  status: AppStatus | undefined;
  onOpenSettings: () => void;
}) {
  const { t } = useTranslation(['common', 'sync']);
  const lang = useLang();
  const sync = useSync();
  const done = sync.applied;
  const all = sync.applied + sync.remaining;
  const percent = all === 0 ? 0 : Math.floor((done * 100) / all);
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
        {status && <LastSynced at={status.last_synced_at} />}
        {sync.running && (
          <span
            className="app-header__sync"
            data-testid="sync-progress-box"
            title={t('sync:syncProgress', {
              applied: formatCount(done),
              total: formatCount(all),
            })}
          >
            <Progress
              percent={percent}
              size="small"
              className="app-header__progress"
              data-testid="sync-progress"
              aria-label={t('sync:syncing')}
            />
            <Text type="tertiary" size="small" className="app-header__sync-count">
              {formatCount(done)}/{formatCount(all)}
            </Text>
          </span>
        )}
        <Button
          theme="solid"
          icon={<IconRefresh spin={sync.running} />}
          loading={false}
          disabled={sync.running}
          onClick={sync.start}
          data-testid="sync-button"
        >
          {sync.running ? t('sync:syncing') : t('sync:sync')}
        </Button>
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
