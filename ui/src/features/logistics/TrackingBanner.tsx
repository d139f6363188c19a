import { Banner, Button, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { TrackingSettings } from '../../bindings';
import { useNavigation } from '../../shared/navigation';

const { Text } = Typography;

/** No kuaidi100 account and no demo sandbox: nothing is tracked, say so and where to fix
 * it. In the demo, a quiet note that the parcels are the sandbox's. */
export function TrackingBanner({ tracking }: { tracking: TrackingSettings }) {
  const { t } = useTranslation('logistics');
  const { openSettings } = useNavigation();
  if (tracking.configured) return null;
  if (tracking.using_sandbox) {
    return (
      <Text type="tertiary" size="small" data-testid="tracking-sandbox-note">
        {t('banner.sandbox')}
      </Text>
    );
  }
  return (
    <Banner
      type="warning"
      closeIcon={null}
      fullMode={false}
      data-testid="tracking-banner"
      title={t('banner.title')}
      description={
        <div className="lgx-banner">
          <span>{t('banner.body')}</span>
          <Button
            size="small"
            theme="solid"
            type="warning"
            onClick={() => openSettings('tracking')}
            data-testid="tracking-banner-settings"
          >
            {t('banner.action')}
          </Button>
        </div>
      }
    />
  );
}
