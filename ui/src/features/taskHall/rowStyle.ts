//! A task-hall row's height and its tags' colours: shared by the row (`TaskRowView.tsx`,
//! `tags.tsx`, with Semi's `Tag`) and the first paint (`firstPaint/`, which draws the same
//! rows before React and Semi load).

import type { Category } from '../../bindings';

/** Every row has this height: the virtual list depends on it. */
export const ROW_HEIGHT = 76;

export const CATEGORY_COLOR = {
  submission: 'blue',
  recruitment: 'cyan',
  assigned: 'violet',
  preferred: 'amber',
} as const satisfies Record<Category, string>;

/** 好物测评 (R-REVIEW-1), a solid tag. */
export const PRODUCT_REVIEW_COLOR = 'orange';
