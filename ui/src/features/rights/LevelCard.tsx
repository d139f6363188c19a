import { IconRefresh } from '@douyinfe/semi-icons';
import { Button, Typography } from '@douyinfe/semi-ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RequirementView, RightsView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { refreshRights } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { putAnswer } from '../../shared/putAnswer';
import { Fold } from './Fold';
import { rightsKeys } from './queries';
import { RequirementRow } from './Requirement';

const { Title, Text } = Typography;

/**
 * 达人等级 (R-LEVEL-1/2): the level, when it was read, a refresh from the platform; the
 * next level's checklist (every requirement of it, met or not) and, folded, what the
 * current level takes to keep.
 */
export function LevelCard({ view }: { view: RightsView }) {
  const { t } = useTranslation(['rights', 'common']);
  const client = useQueryClient();
  const notify = useNotify(['rights', 'common']);
  const refresh = useMutation({
    mutationFn: refreshRights,
    onSuccess: (fresh) => {
      void putAnswer(client, rightsKeys.view, fresh);
      notify.success((t) => t('level.refreshed'));
    },
    onError: (error) =>
      notify.error((t) => t('level.refreshFailed', { text: errorText(t, error) })),
  });
  const { level: report } = view;
  const next = report.next_level;
  const checklist = next === null ? [] : report.requirements.filter((r) => r.level === next);
  const own = keepRows(report.requirements, report.level);
  const met = checklist.filter((r) => r.met).length;

  return (
    <section className="rts-card rts-level" data-testid="rights-level" data-level={report.level}>
      <header className="rts-card__head">
        <Title heading={6}>{t('level.title')}</Title>
        <Button
          icon={<IconRefresh />}
          loading={refresh.isPending}
          onClick={() => refresh.mutate()}
          data-testid="rights-refresh"
        >
          {t('level.refresh')}
        </Button>
      </header>
      <div className="rts-level__now">
        <span className="rts-level__badge" data-testid="rights-level-value">
          {t('levelName', { level: report.level })}
        </span>
        <div className="rts-level__when">
          <Text type="tertiary" size="small">
            {t('level.current')}
          </Text>
          {view.synced_at === null ? (
            <Text type="warning" size="small" data-testid="rights-never-synced">
              {t('level.neverSynced')}
            </Text>
          ) : (
            <Text type="tertiary" size="small" data-testid="rights-synced-at">
              {t('level.syncedAt', { time: formatInstant(view.synced_at) })}
              {view.as_of !== null && ` · ${t('level.asOf', { date: view.as_of })}`}
            </Text>
          )}
        </div>
      </div>
      {next === null ? (
        <Text strong data-testid="rights-top-level">
          {t('level.top')}
        </Text>
      ) : (
        <div className="rts-checklist" data-testid="rights-checklist" data-level={next}>
          <div className="rts-checklist__head">
            <Text strong>{t('level.next', { level: next })}</Text>
            <Text type="tertiary" size="small" data-testid="rights-checklist-count">
              {t('level.nextCount', { met, total: checklist.length })}
            </Text>
          </div>
          {met === checklist.length && (
            <Text type="success" size="small">
              {t('level.allMet', { level: next })}
            </Text>
          )}
          <ul className="rts-reqs">
            {checklist.map((r) => (
              <RequirementRow key={r.item} req={r} />
            ))}
          </ul>
        </div>
      )}
      {own.length > 0 && (
        <Fold label={t('level.own', { level: report.level })} testId="rights-own-toggle">
          <ul className="rts-reqs" data-testid="rights-own">
            {own.map((r) => (
              <RequirementRow key={r.item} req={r} testId={`own-req-${r.item}`} />
            ))}
          </ul>
        </Fold>
      )}
    </section>
  );
}

/**
 * What level `level` takes to keep. Levels are cumulative (R-LEVEL-1): it is held while
 * every requirement of LV1 to it holds. Of each item, the row of the highest of those
 * levels (the strictest); its own rows first, then what only a lower level asks (LV1's
 * complete profile, LV2's submission task).
 */
export function keepRows(requirements: RequirementView[], level: number): RequirementView[] {
  const strictest = new Map<string, RequirementView>();
  for (const r of requirements) {
    if (r.level < 1 || r.level > level) continue;
    const held = strictest.get(r.item);
    if (held === undefined || r.level > held.level) strictest.set(r.item, r);
  }
  const chosen = new Set(strictest.values());
  return requirements.filter((r) => chosen.has(r)).sort((a, b) => b.level - a.level);
}
