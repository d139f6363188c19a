//! The agenda's days: core's items (soonest first) grouped by date.

import type { AgendaItem } from '../../bindings';
import type { TFor } from '../../i18n';

export interface AgendaDay {
  date: string;
  daysLeft: number;
  items: AgendaItem[];
}

/** Items grouped by their date, in core's order (soonest first). */
export function agendaDays(items: readonly AgendaItem[]): AgendaDay[] {
  const days: AgendaDay[] = [];
  for (const item of items) {
    const last = days.at(-1);
    if (last?.date === item.date) last.items.push(item);
    else days.push({ date: item.date, daysLeft: item.days_left, items: [item] });
  }
  return days;
}

/** 今天 / 明天 / 3 天后. */
export function dayLabel(t: TFor<'campaigns'>, daysLeft: number): string {
  if (daysLeft === 0) return t('agenda.today');
  if (daysLeft === 1) return t('agenda.tomorrow');
  return t('agenda.inDays', { count: daysLeft });
}
