import type { Category, ContentForm, TaskSort } from '../../bindings';
import { normalizeYuanInput } from '../../shared/format';
import type { TaskFilter } from './queries';

/** What the filter bar holds, as typed (reward bounds are raw input text). */
export interface FilterState {
  search: string;
  categories: Category[];
  industries: string[];
  contentForms: ContentForm[];
  rewardMin: string;
  rewardMax: string;
  deadlineWithinDays: number | null;
  eligibleOnly: boolean;
  sort: TaskSort;
}

export const EMPTY_FILTERS: FilterState = {
  search: '',
  categories: [],
  industries: [],
  contentForms: [],
  rewardMin: '',
  rewardMax: '',
  deadlineWithinDays: null,
  eligibleOnly: false,
  sort: 'newest',
};

export const CATEGORIES: readonly Category[] = [
  'submission',
  'recruitment',
  'assigned',
  'preferred',
];
export const CONTENT_FORMS: readonly ContentForm[] = ['video', 'live', 'picture'];
export const DEADLINE_WINDOWS: readonly number[] = [3, 7, 14, 30];
export const SORTS: readonly TaskSort[] = ['newest', 'deadline', 'reward'];

/**
 * The filter the Rust side gets. Blank search → null; reward bounds are sent as the decimal
 * strings typed (never through a JS number) and dropped while they are not valid amounts.
 */
export function toTaskFilter(state: FilterState): TaskFilter {
  const search = state.search.trim();
  return {
    search: search === '' ? null : search,
    categories: [...state.categories],
    industries: [...state.industries],
    content_forms: [...state.contentForms],
    reward_min: normalizeYuanInput(state.rewardMin),
    reward_max: normalizeYuanInput(state.rewardMax),
    deadline_within_days: state.deadlineWithinDays,
    eligible_only: state.eligibleOnly,
    sort: state.sort,
  };
}

/** True when anything narrows the list (the sort order does not). */
export function isNarrowed(state: FilterState): boolean {
  return (
    state.search.trim() !== '' ||
    state.categories.length > 0 ||
    state.industries.length > 0 ||
    state.contentForms.length > 0 ||
    state.rewardMin.trim() !== '' ||
    state.rewardMax.trim() !== '' ||
    state.deadlineWithinDays !== null ||
    state.eligibleOnly
  );
}

/** Raw reward text that is neither blank nor a valid amount (shown as an input error). */
export function isBadAmount(raw: string): boolean {
  return raw.trim() !== '' && normalizeYuanInput(raw) === null;
}
