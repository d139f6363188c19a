import { Button, InputNumber, Switch, Tag, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVEL_ITEMS, type LevelItemCode, type LevelMetrics } from '../../bindings';
import { errorText } from '../../shared/errors';
import { planLevel } from '../../shared/ipc';
import { Fold } from './Fold';
import { requirementValue } from './rightsText';

const { Title, Text } = Typography;

type CountItem = Exclude<LevelItemCode, 'profile_complete'>;

/**
 * 等级测算: the creator's metrics, editable; core evaluates them offline (`plan_level`)
 * and says the level they reach and what the next one still misses.
 */
export function LevelPlanner({ metrics }: { metrics: LevelMetrics }) {
  const { t } = useTranslation('rights');
  return (
    <section className="rts-card rts-planner" data-testid="rights-planner">
      <header className="rts-card__head">
        <Title heading={6}>{t('planner.title')}</Title>
      </header>
      <Text type="tertiary" size="small">
        {t('planner.intro')}
      </Text>
      <Fold label={t('planner.open')} testId="planner-toggle">
        <PlannerForm metrics={metrics} />
      </Fold>
    </section>
  );
}

function PlannerForm({ metrics }: { metrics: LevelMetrics }) {
  const { t } = useTranslation(['rights', 'common']);
  const idBase = useId();
  const [values, setValues] = useState<LevelMetrics>(metrics);
  const plan = useMutation({ mutationFn: planLevel });
  const setCount = (item: CountItem, n: number) => setValues((v) => ({ ...v, [item]: n }));
  const report = plan.data;

  return (
    <div className="rts-planner__form">
      <dl className="rts-planner__grid">
        {LEVEL_ITEMS.map((item) => (
          <div key={item} className="rts-planner__field">
            <dt>
              <label htmlFor={`${idBase}-${item}`}>{t(`items.${item}`)}</label>
            </dt>
            <dd>
              {item === 'profile_complete' ? (
                <Switch
                  id={`${idBase}-${item}`}
                  checked={values.profile_complete}
                  onChange={(checked) => setValues((v) => ({ ...v, profile_complete: checked }))}
                  data-testid={`planner-${item}`}
                  aria-label={t(`items.${item}`)}
                />
              ) : (
                <InputNumber
                  id={`${idBase}-${item}`}
                  value={values[item]}
                  min={0}
                  precision={0}
                  onNumberChange={(n) => {
                    if (Number.isFinite(n)) setCount(item, n);
                  }}
                  style={{ width: 150 }}
                  data-testid={`planner-${item}`}
                />
              )}
            </dd>
          </div>
        ))}
      </dl>
      <div className="rts-planner__actions">
        <Button
          theme="solid"
          loading={plan.isPending}
          onClick={() => plan.mutate(values)}
          data-testid="planner-evaluate"
        >
          {t('planner.evaluate')}
        </Button>
        {plan.isError && (
          <Text type="danger" data-testid="planner-error">
            {t('failed', { text: errorText(t, plan.error) })}
          </Text>
        )}
      </div>
      {report !== undefined && (
        <div className="rts-planner__result" data-testid="planner-result" data-level={report.level}>
          <Text>
            {t('planner.result')}{' '}
            <Tag color="blue" size="large" data-testid="planner-level">
              {t('levelName', { level: report.level })}
            </Tag>
          </Text>
          {report.next_level === null ? (
            <Text type="success">{t('planner.top')}</Text>
          ) : report.missing.length === 0 ? (
            <Text type="success">{t('planner.allMet', { level: report.next_level })}</Text>
          ) : (
            <>
              <Text type="tertiary" size="small">
                {t('planner.missing', { level: report.next_level })}
              </Text>
              <ul className="rts-watch__list" data-testid="planner-missing">
                {report.missing.map((r) => (
                  <li key={r.item} data-testid={`planner-missing-${r.item}`}>
                    <Text>{t(`items.${r.item}`)}</Text>
                    <Text type="tertiary">{requirementValue(r)}</Text>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
