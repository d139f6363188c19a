import { IconRefresh } from '@douyinfe/semi-icons';
import { Button, Progress, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../shared/format';
import { useSync } from './SyncProvider';

const { Text } = Typography;

/** The Sync action, and while a sync runs, how far it got. */
export function SyncButton() {
  const { t } = useTranslation('sync');
  const sync = useSync();
  const done = sync.applied;
  const all = sync.applied + sync.remaining;
  const percent = sync.indexing ? 100 : all === 0 ? 0 : Math.floor((done * 100) / all);

  return (
    <>
      {sync.running && (
        <span
          className="app-header__sync"
          data-testid="sync-progress-box"
          title={
            sync.indexing
              ? t('indexing')
              : t('syncProgress', {
                  applied: formatCount(done),
                  total: formatCount(all),
                })
          }
        >
          <Progress
            percent={percent}
            size="small"
            className="app-header__progress"
            data-testid="sync-progress"
            aria-label={t('syncing')}
          />
          <Text type="tertiary" size="small" className="app-header__sync-count">
            {sync.indexing ? t('indexing') : `${formatCount(done)}/${formatCount(all)}`}
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
        {sync.running ? t('syncing') : t('sync')}
      </Button>
    </>
  );
}
