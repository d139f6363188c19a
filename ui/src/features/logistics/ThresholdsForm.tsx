import { Button, InputNumber, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertThresholdsView } from '../../bindings';
import { errorCode, errorCodeText } from '../../shared/errors';
import { setAlertThresholds } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { useAlertThresholds } from './queries';

const { Text, Title } = Typography;

type Threshold = keyof AlertThresholdsView;

/** Each threshold, its unit and the range core accepts; the defaults are core's
 * (`AlertThresholds::default`) and named in the help text. */
const FIELDS: readonly { key: Threshold; unit: 'hours' | 'days'; min: number; max: number }[] = [
  { key: 'awaiting_pickup_hours', unit: 'hours', min: 1, max: 720 },
  { key: 'in_transit_silence_hours', unit: 'hours', min: 1, max: 720 },
  { key: 'pickup_point_hours', unit: 'hours', min: 1, max: 720 },
  { key: 'unconfirmed_delivery_hours', unit: 'hours', min: 1, max: 720 },
  { key: 'production_days', unit: 'days', min: 0, max: 60 },
  { key: 'return_due_warning_days', unit: 'days', min: 0, max: 60 },
];

export const DEFAULT_THRESHOLDS: AlertThresholdsView = {
  awaiting_pickup_hours: 48,
  in_transit_silence_hours: 72,
  pickup_point_hours: 24,
  unconfirmed_delivery_hours: 24,
  production_days: 3,
  return_due_warning_days: 3,
};

const same = (a: AlertThresholdsView, b: AlertThresholdsView) =>
  FIELDS.every(({ key }) => a[key] === b[key]);

/** 提醒时间: how long a parcel may wait in a state before it is an alert. */
export function ThresholdsForm() {
  const { t } = useTranslation(['logistics', 'common']);
  const thresholds = useAlertThresholds();
  return (
    <section className="lgx-thresholds" data-testid="thresholds">
      <Title heading={6}>{t('settings.thresholds.title')}</Title>
      <Text type="tertiary" size="small">
        {t('settings.thresholds.intro')}
      </Text>
      <QueryView
        query={thresholds}
        pending={<Loading className="profile-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('settings.thresholds.loadFailed', { text: errorCodeText(t, error) })}
            onRetry={retry}
          />
        )}
      >
        {(saved) => <Fields key={FIELDS.map(({ key }) => saved[key]).join(',')} saved={saved} />}
      </QueryView>
    </section>
  );
}

function Fields({ saved }: { saved: AlertThresholdsView }) {
  const { t } = useTranslation(['logistics', 'common']);
  const notify = useNotify(['logistics', 'common']);
  const idBase = useId();
  const [values, setValues] = useState<AlertThresholdsView>(saved);
  const save = useMutation({
    mutationFn: setAlertThresholds,
    onSuccess: () => notify.success((t) => t('settings.thresholds.saved')),
  });
  const problem = !save.isError
    ? null
    : errorCode(save.error) === 'invalid_input'
      ? t('settings.thresholds.invalid')
      : t('failed', { text: errorCodeText(t, save.error) });
  return (
    <div className="lgx-thresholds__form">
      <dl className="lgx-thresholds__grid">
        {FIELDS.map(({ key, unit, min, max }) => (
          <div key={key} className="lgx-threshold">
            <dt>
              <label htmlFor={`${idBase}-${key}`}>{t(`settings.thresholds.${key}`)}</label>
            </dt>
            <dd>
              <InputNumber
                id={`${idBase}-${key}`}
                value={values[key]}
                min={min}
                max={max}
                precision={0}
                suffix={t(`settings.thresholds.${unit}`)}
                onNumberChange={(n) => {
                  if (Number.isFinite(n)) setValues((v) => ({ ...v, [key]: n }));
                }}
                style={{ width: 140 }}
                data-testid={`threshold-${key}`}
              />
              <Text type="tertiary" size="small">
                {t(`settings.thresholds.defaults.${key}`)}
              </Text>
            </dd>
          </div>
        ))}
      </dl>
      {problem !== null && (
        <Text type="danger" data-testid="thresholds-error">
          {problem}
        </Text>
      )}
      <div className="lgx-settings__actions">
        <Button
          onClick={() => setValues(DEFAULT_THRESHOLDS)}
          disabled={same(values, DEFAULT_THRESHOLDS)}
          data-testid="thresholds-reset"
        >
          {t('settings.thresholds.reset')}
        </Button>
        <Button
          theme="solid"
          loading={save.isPending}
          disabled={same(values, saved)}
          onClick={() => save.mutate(values)}
          data-testid="thresholds-save"
        >
          {t('settings.thresholds.save')}
        </Button>
      </div>
    </div>
  );
}
