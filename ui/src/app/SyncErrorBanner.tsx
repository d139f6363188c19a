import { Banner, Button } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../bindings';
import { useSync } from '../features/sync/SyncProvider';

/** The last sync's failure, switched on its code (never its message). */
export function SyncErrorBanner({
  error,
  onOpenSettings,
}: {
  error: AppError;
  onOpenSettings: () => void;
}) {
  const { t } = useTranslation(['sync', 'common']);
  const sync = useSync();
  switch (error.code) {
    case 'platform_unreachable':
      return (
        <div data-testid="offline-banner" className="app-banner">
          <Banner
            type="warning"
            closeIcon={null}
            fullMode
            description={
              <span className="app-banner__body">
                {t('banner.offline')}
                <Button
                  size="small"
                  theme="borderless"
                  disabled={sync.running}
                  onClick={sync.start}
                >
                  {t('common:retry')}
                </Button>
              </span>
            }
          />
        </div>
      );
    case 'sign_in_required':
      return (
        <div data-testid="signin-banner" className="app-banner">
          <Banner
            type="danger"
            closeIcon={null}
            fullMode
            description={
              <span className="app-banner__body">
                {t('banner.signIn')}
                <Button size="small" theme="borderless" onClick={onOpenSettings}>
                  {t('banner.openSettings')}
                </Button>
              </span>
            }
          />
        </div>
      );
    default:
      return (
        <div data-testid="error-banner" className="app-banner">
          <Banner
            type="danger"
            closeIcon={null}
            fullMode
            description={t('banner.other', {
              text: t(`common:errors.${error.code}`),
              code: error.code,
            })}
          />
        </div>
      );
  }
}
