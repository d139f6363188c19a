import { Banner } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { ApplyWarning, Eligibility } from '../../bindings';
import { useLang } from '../../i18n';
import { warningText } from './applyText';

/**
 * What core says the platform may refuse (R-REVIEW-11, R-JOIN-1, the window, the slots),
 * shown plainly before sending. Only `already_applied` stops the form; the rest are the
 * platform's call, and the banner says so.
 */
export function ApplyWarnings({
  warnings,
  eligibility,
}: {
  warnings: readonly ApplyWarning[];
  eligibility: Eligibility;
}) {
  const { t } = useTranslation('apply');
  const { t: tHall } = useTranslation('taskHall');
  const lang = useLang();
  if (warnings.length === 0) return null;
  const blocked = warnings.some((w) => w.code === 'already_applied');
  return (
    <div data-testid="apply-warnings">
      <Banner
        type={blocked ? 'danger' : 'warning'}
        closeIcon={null}
        fullMode={false}
        title={t('warningsTitle')}
        description={
          <>
            <ul className="apply-warnings">
              {warnings.map((w) => (
                <li
                  key={`${w.code}-${w.check ?? ''}`}
                  data-testid="apply-warning"
                  data-code={w.code}
                >
                  {warningText(w, eligibility, t, tHall, lang)}
                </li>
              ))}
            </ul>
            {!blocked && <div>{t('platformDecides')}</div>}
          </>
        }
      />
    </div>
  );
}
