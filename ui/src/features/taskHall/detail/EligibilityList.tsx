import { Tag } from '@douyinfe/semi-ui';
import { useTranslation } from 'react-i18next';
import type { Eligibility } from '../../../bindings';
import { useLang } from '../../../i18n';
import { checkText } from './checkText';

/** Overall eligibility and each check with its DOMAIN.md rule id. */
export function EligibilityList({ eligibility }: { eligibility: Eligibility }) {
  const { t } = useTranslation('taskHall');
  const lang = useLang();
  return (
    <div data-testid="detail-eligibility">
      <Tag
        size="large"
        color={eligibility.eligible ? 'green' : 'red'}
        type="light"
        data-testid="eligibility-overall"
      >
        {t(eligibility.eligible ? 'detail.eligible' : 'detail.ineligible')}
      </Tag>
      <ul className="check-list">
        {eligibility.checks.map((check, i) => (
          <li
            // Checks have no id; their order is fixed by the Rust side.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is static per task
            key={`${check.code}-${i}`}
            className={check.ok ? 'check is-ok' : 'check is-failed'}
            data-testid="eligibility-check"
            data-ok={check.ok ? 'true' : 'false'}
          >
            <span className="check__mark" aria-hidden="true">
              {check.ok ? '✓' : '✗'}
            </span>{' '}
            {check.rule !== null && (
              <>
                <span className="rule-id">{check.rule}</span>{' '}
              </>
            )}
            <span className="check__text">{checkText(check, t, lang)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
