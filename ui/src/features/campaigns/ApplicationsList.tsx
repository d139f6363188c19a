import { IllustrationNoContent } from '@douyinfe/semi-illustrations';
import { Empty, Radio, RadioGroup } from '@douyinfe/semi-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { CampaignCard } from './CampaignCard';
import { useApplications } from './queries';
import { groupCounts, inGroup, STATUS_GROUPS, type StatusGroup } from './statusGroups';

const ILLUSTRATION = 140;

/** The applications, most recent first, filtered by status group (with counts). */
export function ApplicationsList() {
  const { t } = useTranslation('campaigns');
  const apps = useApplications();
  return (
    <QueryView
      query={apps}
      pending={<Loading className="cmp-center" />}
      error={(error, retry) => (
        <LoadFailed
          size={ILLUSTRATION}
          title={t('loadFailed', { text: errorText(t, error) })}
          onRetry={retry}
        />
      )}
      isEmpty={(list) => list.length === 0}
      empty={
        <Empty
          className="cmp-empty"
          data-testid="campaigns-empty"
          image={<IllustrationNoContent style={{ width: ILLUSTRATION, height: ILLUSTRATION }} />}
          title={t('empty.title')}
          description={t('empty.body')}
        />
      }
    >
      {(list) => <Filtered apps={list} />}
    </QueryView>
  );
}

function Filtered({ apps }: { apps: ApplicationView[] }) {
  const { t } = useTranslation('campaigns');
  const [group, setGroup] = useState<StatusGroup>('all');
  const counts = groupCounts(apps);
  const shown = apps.filter((a) => inGroup(group, a.status));
  return (
    <div className="cmp-list">
      <RadioGroup
        type="button"
        value={group}
        onChange={(e) => setGroup(e.target.value as StatusGroup)}
        data-testid="campaign-filter"
      >
        {STATUS_GROUPS.map((g) => (
          <Radio key={g} value={g}>
            <span data-testid={`campaign-filter-${g}`} data-count={counts[g]}>
              {t(`groups.${g}`)} <span className="cmp-count">{counts[g]}</span>
            </span>
          </Radio>
        ))}
      </RadioGroup>
      {shown.length === 0 ? (
        <Empty className="cmp-empty" title={t('empty.group')} data-testid="campaigns-group-empty" />
      ) : (
        shown.map((a) => <CampaignCard key={a.id} app={a} />)
      )}
    </div>
  );
}
