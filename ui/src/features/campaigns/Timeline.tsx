import { IconAlertTriangle, IconTickCircle } from '@douyinfe/semi-icons';
import { Tag, Tooltip, Typography } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { TimelineStep } from '../../bindings';
import { countdown, faults, faultText, latePromise, stepDate } from './timeline';

const { Text } = Typography;

/**
 * Every date of an application's timeline in order (DOMAIN.md, "The campaign timeline"):
 * its name (the rule in a tooltip), the date, done / next / missed / not applicable, the
 * next date's countdown, who was late; then a line per party at fault.
 */
export function Timeline({ steps }: { steps: readonly TimelineStep[] }) {
  const { t } = useTranslation(['campaigns', 'common']);
  if (steps.length === 0) {
    return (
      <Text type="tertiary" size="small" data-testid="campaign-timeline-unknown">
        {t('timeline.unknown')}
      </Text>
    );
  }
  const promise = latePromise(steps);
  return (
    <div className="cmp-timeline" data-testid="campaign-timeline">
      <ol className="cmp-steps">
        {steps.map((step) => (
          <Step key={step.key} step={step} />
        ))}
      </ol>
      {faults(steps).map((f) => (
        <div
          key={f.party}
          className={`cmp-fault cmp-fault--${f.party}`}
          data-testid="campaign-fault"
          data-party={f.party}
          data-key={f.key}
        >
          <IconAlertTriangle size="small" />
          <span>{faultText(t, f)}</span>
        </div>
      ))}
      {promise !== null && (
        <div className="cmp-fault cmp-fault--promise" data-testid="campaign-late-promise">
          <IconAlertTriangle size="small" />
          <span>{t('timeline.latePromise', { ...promise })}</span>
        </div>
      )}
    </div>
  );
}

function Step({ step }: { step: TimelineStep }) {
  const { t } = useTranslation(['campaigns', 'common']);
  const left = countdown(t, step);
  const showState = step.state === 'not_applicable' || (step.state === 'missed' && left === null);
  return (
    <li
      className={`cmp-step cmp-step--${step.state}`}
      data-testid="timeline-step"
      data-key={step.key}
      data-state={step.state}
      data-late={step.late ?? undefined}
      aria-current={step.state === 'next' ? 'step' : undefined}
    >
      <span className="cmp-step__dot" aria-hidden="true">
        {step.state === 'done' && <IconTickCircle size="small" />}
      </span>
      <Tooltip content={t('timeline.rule', { rule: step.rule })}>
        <span className="cmp-step__name" data-testid="timeline-name" data-rule={step.rule}>
          {t(`common:timelineKeys.${step.key}`)}
        </span>
      </Tooltip>
      <span className="cmp-step__date" data-testid="timeline-date">
        {stepDate(t, step)}
      </span>
      {left !== null && (
        <span className="cmp-step__countdown" data-testid="timeline-countdown">
          {left}
        </span>
      )}
      {showState && (
        <span className="cmp-step__state" data-testid="timeline-state">
          {t(`timeline.states.${step.state}`)}
        </span>
      )}
      {step.late !== null && (
        <Tag size="small" color="red" data-testid="timeline-late">
          {t(`timeline.late.${step.late}`)}
        </Tag>
      )}
    </li>
  );
}
