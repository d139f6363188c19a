import { useTranslation } from 'react-i18next';
import type { ReconcileSummary } from '../../bindings';
import { formatMoney } from '../../shared/format';
import { classLabel } from './labels';
import { SUMMARY_CLASSES } from './model';

type SummaryClass = (typeof SUMMARY_CLASSES)[number];

/** One card per class: how many and how much. A click narrows the list to that class. */
export function SummaryCards({
  summary,
  active,
  onPick,
}: {
  summary: ReconcileSummary;
  active: string | null;
  onPick: (cls: SummaryClass) => void;
}) {
  const { t } = useTranslation('settlements');
  return (
    <div className="summary-cards">
      {SUMMARY_CLASSES.map((cls) => {
        const count = summary.counts[cls];
        return (
          <button
            type="button"
            key={cls}
            data-testid={`summary-${cls}`}
            data-count={count}
            aria-pressed={active === cls}
            className={[
              'summary-card',
              `summary-card--${cls}`,
              count === 0 ? 'is-zero' : '',
              active === cls ? 'is-active' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            onClick={() => onPick(cls)}
          >
            <span className="summary-card__label">{classLabel(t, cls)}</span>
            <span className="summary-card__count">{t('cardCount', { count })}</span>
            <span className="summary-card__total">{formatMoney(summary.totals[cls])}</span>
          </button>
        );
      })}
    </div>
  );
}
