import { useTranslation } from 'react-i18next';
import type { ClassCode, ReconcileSummary } from '../../bindings';
import { formatCount, formatMoney } from '../../shared/format';
import { classLabel } from './labels';
import { CARD_CLASSES, CLASS_SEVERITY, tallyOf } from './model';

/** One card per class: how many and how much. A click narrows the list to that class. */
export function SummaryCards({
  summary,
  active,
  onPick,
}: {
  summary: ReconcileSummary;
  active: ClassCode | null;
  onPick: (cls: ClassCode) => void;
}) {
  const { t } = useTranslation('settlements');
  return (
    <div className="summary-cards">
      {CARD_CLASSES.map((cls) => {
        const { count, total } = tallyOf(summary, cls);
        return (
          <button
            type="button"
            key={cls}
            data-testid={`summary-${cls}`}
            data-count={count}
            aria-pressed={active === cls}
            className={[
              'summary-card',
              `summary-card--${CLASS_SEVERITY[cls]}`,
              count === 0 ? 'is-zero' : '',
              active === cls ? 'is-active' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            onClick={() => onPick(cls)}
          >
            <span className="summary-card__label">{classLabel(t, cls)}</span>
            <span className="summary-card__count">
              {t('cardCount', { count, n: formatCount(count) })}
            </span>
            <span className="summary-card__total">{formatMoney(total)}</span>
          </button>
        );
      })}
    </div>
  );
}
