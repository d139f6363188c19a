//! A task-hall row drawn without React: the markup of `TaskRowView` (its classes, Semi's
//! tag markup, the same words from the same functions), for the first paint.
//! `taskRow.test.tsx` holds the two to the same HTML, in both languages.

import type { TaskRow } from '../bindings';
import { industryText } from '../features/taskHall/industryText';
import { rewardLines, rewardText } from '../features/taskHall/rewardText';
import { CATEGORY_COLOR, PRODUCT_REVIEW_COLOR } from '../features/taskHall/rowStyle';
import type { TFor } from '../i18n';
import { formatCount } from '../shared/format';
import { el, semiTag } from './dom';

/** The row of `row`, as `TaskRowView` renders it unselected, without its handlers. */
export function taskRowElement(row: TaskRow, t: TFor<'taskHall'>): HTMLElement {
  const reward = rewardText(row, t);
  const lines = rewardLines(reward);
  const title = el('div', 'task-row__title', row.title);
  title.title = row.title;
  const meta = el(
    'div',
    'task-row__meta',
    semiTag(t(`category.${row.category}`), CATEGORY_COLOR[row.category], 'light'),
  );
  if (row.settlement_mode === 'product_review') {
    meta.append(semiTag(t('settlement.product_review'), PRODUCT_REVIEW_COLOR, 'solid'));
  }
  meta.append(
    el('span', 'task-row__brand', row.brand),
    el(
      'span',
      'task-row__facets',
      el('span', 'task-row__facet', industryText(t, row.industry)),
      el('span', 'task-row__facet', t(`contentForm.${row.content_form}`)),
    ),
  );
  const money = el(
    'div',
    'task-row__reward',
    el('div', 'task-row__amount', reward.amount),
    el('div', 'task-row__net', lines.first),
  );
  if (lines.second !== null) {
    money.append(el('div', 'task-row__net', lines.second));
  }
  return el(
    'div',
    'task-row',
    el('div', 'task-row__main', title, meta),
    money,
    el(
      'div',
      'task-row__dates',
      el('div', null, t('row.deadline', { date: row.upload_deadline })),
      el(
        'div',
        'task-row__muted',
        t('row.slots', {
          taken: formatCount(row.slots_taken),
          wanted: formatCount(row.slots_wanted),
        }),
      ),
    ),
    el(
      'div',
      'task-row__eligibility',
      row.eligible
        ? semiTag(t('row.eligible'), 'green', 'light')
        : semiTag(t('row.ineligible'), 'grey', 'light'),
    ),
  );
}
