//! An outbox item's refusal in words. Core passes the platform's refusal code and field
//! problems through as plain strings (not generated unions), so the codes worded here are
//! those the platform documents (`docs/platform-api.yaml`: `ConflictCode`, `FieldErrorCode`)
//! plus core's own `invalid` and `rejected`; anything else is shown as its code.

import type { OutboxItemView, RemoteProblemView } from '../../bindings';
import type { TFor } from '../../i18n';

export const REFUSAL_CODES = [
  'window_closed',
  'slots_full',
  'not_eligible',
  'already_applied',
  'invalid',
  'rejected',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** The body fields an application's problems name (`address.` prefixes dropped). */
export const REMOTE_FIELDS = [
  'contact_name',
  'phone',
  'region_code',
  'province',
  'city',
  'district',
  'detail',
  'strengths',
  'idea',
  'task_id',
] as const;
export type RemoteFieldCode = (typeof REMOTE_FIELDS)[number];

export const REMOTE_PROBLEMS = [
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'invalid_format',
  'not_county_level',
  'unknown_task',
  'not_product_review',
] as const;
export type RemoteProblemCode = (typeof REMOTE_PROBLEMS)[number];

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** Why the platform refused the item, in words. */
export function refusalText(t: TFor<'campaigns'>, item: OutboxItemView): string {
  const code = item.refusal_code ?? 'rejected';
  return isOneOf(REFUSAL_CODES, code)
    ? t(`outbox.refusals.${code}`)
    : t('outbox.unknownRefusal', { code });
}

/** One field problem: "手机号：格式不对"; an unknown field or code as it came. */
export function problemText(t: TFor<'campaigns'>, p: RemoteProblemView): string {
  const name = p.field.replace(/^.*\./, '');
  const field = isOneOf(REMOTE_FIELDS, name) ? t(`outbox.fields.${name}`) : p.field;
  const problem = isOneOf(REMOTE_PROBLEMS, p.code)
    ? t(`outbox.problemCodes.${p.code}`)
    : p.message || p.code;
  return t('outbox.problem', { field, problem });
}
