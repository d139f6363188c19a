import { Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/errors';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { AgenciesSection } from './AgenciesSection';
import { BenefitsSection } from './BenefitsSection';
import { FeaturedCase } from './FeaturedCase';
import { ForecastSection } from './ForecastSection';
import { InvitationsSection } from './InvitationsSection';
import { JoiningChecker } from './JoiningChecker';
import { LevelCard } from './LevelCard';
import { LevelPlanner } from './LevelPlanner';
import { useRights } from './queries';
import { RewardSection } from './RewardSection';
import { StarIndexSection } from './StarIndexSection';

const { Title, Text } = Typography;

/**
 * 权益中心: the level and what the next one takes, the forecast of a drop, the planner and
 * the reward tasks (all of core's `rights`), then the benefits wallet and DOU+ ledger, the
 * star index, preferred invitations, the joining checker, the agency directory and the
 * featured case. Each part reads its own command; what one cannot read does not hide the
 * others.
 */
export function RightsPage() {
  const { t } = useTranslation(['rights', 'common']);
  const view = useRights();
  return (
    <div className="rts" data-testid="rights-page">
      <header className="rts__head">
        <Title heading={4}>{t('title')}</Title>
        <Text type="tertiary">{t('intro')}</Text>
      </header>
      <QueryView
        query={view}
        pending={<Loading className="rts-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={120}
            testId="rights-error"
            title={t('loadFailed', { text: errorText(t, error) })}
            onRetry={retry}
          />
        )}
      >
        {(v) => (
          <div className="rts-grid">
            <LevelCard view={v} />
            <ForecastSection forecast={v.forecast} />
            <LevelPlanner key={v.as_of ?? ''} metrics={v.metrics} />
            <RewardSection reward={v.reward} />
          </div>
        )}
      </QueryView>
      <div className="rts-grid">
        <BenefitsSection />
      </div>
      <StarIndexSection />
      <InvitationsSection />
      <div className="rts-grid">
        <JoiningChecker />
        {view.data !== undefined && <FeaturedCase view={view.data} />}
      </div>
      <AgenciesSection />
    </div>
  );
}
