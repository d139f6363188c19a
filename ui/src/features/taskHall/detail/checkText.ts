import type { EligibilityCheck } from '../../../bindings';
import type { TFor } from '../../../i18n';
import { formatCount, formatFollowers, type Lang } from '../../../shared/format';

/**
 * The sentence for one eligibility check, built from its `code` and named `params` — never
 * from a message the Rust side wrote. A check whose params are not the expected ones still
 * gets a plain label rather than a sentence with holes.
 *
 * Params read (as `stardesk_domain::eligibility::check` names them): `required_min`,
 * `required_max`, `actual` (follower counts, plain digits); `apply_start`, `apply_end`,
 * `today` (ISO dates); `slots_wanted`, `slots_taken`, `slots_left`. `agency_deposit` needs
 * none: its `ok` says it all.
 */
export function checkText(check: EligibilityCheck, t: TFor<'taskHall'>, lang: Lang): string {
  const p = new Map(check.params);
  const followers = (key: string) => {
    const v = p.get(key);
    return v === undefined ? undefined : formatFollowers(v, lang);
  };
  const min = followers('required_min');
  const max = followers('required_max');
  // A count rounded alike to a bound it misses (99,960 → "10万" beside "≥ 10万") would read
  // as met: then it is shown in full.
  const actualRaw = p.get('actual');
  const roundsLikeABound = ['required_min', 'required_max'].some((key) => {
    const bound = p.get(key);
    return (
      bound !== undefined &&
      actualRaw !== undefined &&
      bound !== actualRaw &&
      formatFollowers(bound, lang) === formatFollowers(actualRaw, lang)
    );
  });
  const actual =
    roundsLikeABound && actualRaw !== undefined ? formatCount(actualRaw) : followers('actual');

  switch (check.code) {
    case 'account_followers':
      return min !== undefined && actual !== undefined
        ? t('checks.account_followers', { min, actual })
        : t('checks.account_followers_plain');
    case 'review_follower_range':
      return min !== undefined && max !== undefined && actual !== undefined
        ? t('checks.review_follower_range', { min, max, actual })
        : t('checks.review_follower_range_plain');
    case 'agency_deposit':
      return t(check.ok ? 'checks.agency_deposit_ok' : 'checks.agency_deposit_fail');
    case 'task_followers':
      if (min !== undefined && actual !== undefined) {
        if (max === undefined && p.get('required_min') === '0') {
          return t('checks.task_followers_any', { actual });
        }
        return max !== undefined
          ? t('checks.task_followers_range', { min, max, actual })
          : t('checks.task_followers_min', { min, actual });
      }
      return t('checks.task_followers_plain');
    case 'application_window': {
      const start = p.get('apply_start');
      const end = p.get('apply_end');
      const today = p.get('today');
      if (start === undefined || end === undefined) return t('checks.application_window_plain');
      return today !== undefined
        ? t('checks.application_window_today', { start, end, today })
        : t('checks.application_window_range', { start, end });
    }
    case 'slots_left': {
      const wanted = p.get('slots_wanted');
      const taken = p.get('slots_taken');
      const left = p.get('slots_left');
      if (wanted === undefined || taken === undefined || left === undefined) {
        return t('checks.slots_left_plain');
      }
      return t('checks.slots_left', {
        count: Number(left),
        left: formatCount(left),
        taken: formatCount(taken),
        wanted: formatCount(wanted),
      });
    }
  }
}
