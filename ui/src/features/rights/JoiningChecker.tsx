import { Banner, Button, DatePicker, InputNumber, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoiningView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { formatCount } from '../../shared/format';
import { checkJoining } from '../../shared/ipc';
import { chinaToday } from '../campaigns/dates';

const { Title, Text } = Typography;

/** 开通检查 (R-JOIN-1): whether an account with these followers can be opened, and by which
 * day (3 working days after applying, core's working-day calendar). */
export function JoiningChecker() {
  const { t } = useTranslation(['rights', 'common']);
  const idBase = useId();
  const [main, setMain] = useState(0);
  const [other, setOther] = useState(0);
  const [appliedOn, setAppliedOn] = useState<string>(() => chinaToday());
  const check = useMutation({ mutationFn: checkJoining });
  const count = (set: (n: number) => void) => (n: number) => {
    if (Number.isFinite(n)) set(n);
  };
  return (
    <section className="rts-card rts-joining" data-testid="rights-joining">
      <header className="rts-card__head">
        <Title heading={6}>{t('joining.title')}</Title>
      </header>
      <Text type="tertiary" size="small">
        {t('joining.intro')}
      </Text>
      <div className="rts-joining__form">
        <label htmlFor={`${idBase}-main`}>{t('joining.main')}</label>
        <InputNumber
          id={`${idBase}-main`}
          value={main}
          min={0}
          precision={0}
          onNumberChange={count(setMain)}
          data-testid="joining-main"
        />
        <label htmlFor={`${idBase}-other`}>{t('joining.other')}</label>
        <InputNumber
          id={`${idBase}-other`}
          value={other}
          min={0}
          precision={0}
          onNumberChange={count(setOther)}
          data-testid="joining-other"
        />
        <span>{t('joining.appliedOn')}</span>
        <span data-testid="joining-date" data-value={appliedOn}>
          <DatePicker
            type="date"
            format="yyyy-MM-dd"
            value={appliedOn}
            onChange={(_, text) => {
              setAppliedOn(typeof text === 'string' ? text : '');
            }}
            aria-label={t('joining.appliedOn')}
          />
        </span>
      </div>
      <div>
        <Button
          theme="solid"
          loading={check.isPending}
          onClick={() =>
            check.mutate({
              main_followers: main,
              other_platform_followers: other,
              applied_on: appliedOn === '' ? null : appliedOn,
            })
          }
          data-testid="joining-check"
        >
          {t('joining.check')}
        </Button>
      </div>
      {check.isError && (
        <Text type="danger" data-testid="joining-error">
          {t('failed', { text: errorText(t, check.error) })}
        </Text>
      )}
      {check.data !== undefined && <Result view={check.data} />}
    </section>
  );
}

function Result({ view }: { view: JoiningView }) {
  const { t } = useTranslation('rights');
  return (
    <div data-testid="joining-result" data-can-open={view.can_open ? 'true' : 'false'}>
      <Banner
        type={view.can_open ? 'success' : 'warning'}
        closeIcon={null}
        fullMode={false}
        description={
          view.can_open && view.opens_by !== null
            ? t('joining.canOpen', { date: view.opens_by, days: view.working_days })
            : t('joining.cannot', {
                main: formatCount(view.main_threshold),
                other: formatCount(view.other_threshold),
              })
        }
      />
      {view.uncovered_year !== null && (
        <Text type="warning" size="small" data-testid="joining-uncovered">
          {t('joining.uncovered', { year: view.uncovered_year })}
        </Text>
      )}
    </div>
  );
}
