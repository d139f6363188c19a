//! The words of a campaign timeline (DOMAIN.md, "The campaign timeline"): the countdown of
//! the next date, how late a missed one is, and who was at fault.

import type { PartyCode, TimelineKeyCode, TimelineStep } from '../../bindings';
import type { TFor } from '../../i18n';

/**
 * The countdown of a step: the next date's "还剩 3 天" / "今天截止" (or how overdue it is,
 * should today be past it), a missed date's "已逾期 2 天"; nothing for the others.
 */
export function countdown(t: TFor<'campaigns'>, step: TimelineStep): string | null {
  const days = step.days_left;
  if (days === null) return null;
  if (step.state === 'next') return daysLeftText(t, days);
  if (step.state === 'missed' && days < 0) return daysLeftText(t, days);
  return null;
}

/** 还剩 3 天 / 今天截止 / 已逾期 2 天. */
export function daysLeftText(t: TFor<'campaigns'>, days: number): string {
  if (days > 0) return t('timeline.left', { count: days });
  if (days === 0) return t('timeline.today');
  return t('timeline.overdue', { count: -days });
}

/** The date as shown: the day, or why there is none. */
export function stepDate(t: TFor<'campaigns'>, step: TimelineStep): string {
  if (step.date !== null) return step.date;
  // R-REVIEW-15: the retention date counts from the publishing day.
  if (step.key === 'retain_until') return t('timeline.afterPublish');
  return t('timeline.noDate');
}

/** A party late on a step of the timeline: which, by its rule, and whether the step was
 * done at last (a sample shipped late) or missed (not shipped yet). */
export interface Fault {
  party: PartyCode;
  rule: string;
  key: TimelineKeyCode;
  missed: boolean;
}

/**
 * Who was late, once per party, with the step and rule that say so: the brand shipping
 * after its promised day, or (what R-REVIEW-10 makes its fault, with the consequences)
 * later than 15 days before the upload deadline, which comes first when both are late;
 * the creator without approved work (R-REVIEW-13).
 */
export function faults(steps: readonly TimelineStep[]): Fault[] {
  const out: Fault[] = [];
  for (const step of steps) {
    if (step.late === null) continue;
    const fault = {
      party: step.late,
      rule: step.rule,
      key: step.key,
      missed: step.state === 'missed',
    };
    const i = out.findIndex((f) => f.party === step.late);
    if (i < 0) out.push(fault);
    else if (step.key === 'late_shipping_after') out[i] = fault;
  }
  return out;
}

/** The words of a fault from {@link faults}: shipped late, or still not shipped. */
export function faultText(t: TFor<'campaigns'>, fault: Fault): string {
  const rule = fault.rule;
  if (fault.party === 'creator') return t('timeline.fault.creator', { rule });
  if (fault.key === 'late_shipping_after') {
    return fault.missed
      ? t('timeline.fault.brandNotShippedLate', { rule })
      : t('timeline.fault.brand', { rule });
  }
  return fault.missed
    ? t('timeline.fault.brandNotShipped', { rule })
    : t('timeline.fault.brandShipBy', { rule });
}

/** A brand's promised ship-by day that is already later than R-REVIEW-10 allows. */
export interface LatePromise {
  shipBy: string;
  lateAfter: string;
  rule: string;
}

/**
 * The brand promised to ship after the day from which a sample shipped is its fault (the
 * upload deadline − 15 days, R-REVIEW-10): said while the sample is still to come, so the
 * creator knows before it happens whose delay a late sample would be. `null` when the
 * promise is in time, the sample has shipped, or a missed date already says who was late.
 */
export function latePromise(steps: readonly TimelineStep[]): LatePromise | null {
  const shipBy = steps.find((s) => s.key === 'ship_by');
  const lateAfter = steps.find((s) => s.key === 'late_shipping_after');
  if (shipBy?.date == null || lateAfter?.date == null) return null;
  if (shipBy.state !== 'next' && shipBy.state !== 'later') return null;
  if (lateAfter.state === 'missed' || faults(steps).some((f) => f.party === 'brand')) return null;
  // Both `YYYY-MM-DD`: compared as text.
  if (shipBy.date <= lateAfter.date) return null;
  return { shipBy: shipBy.date, lateAfter: lateAfter.date, rule: lateAfter.rule };
}
