//! The platform's refusal codes (a 409's `code`, `docs/platform-api.yaml` ConflictCode),
//! as core passes them (`AppError.refusal`, a rights item's `send_refusal`): plain strings,
//! since the platform may add codes; those documented are worded (`common:refusals`).

export const CONFLICT_CODES = [
  'window_closed',
  'slots_full',
  'not_eligible',
  'already_applied',
  'not_withdrawable',
  'not_shipped',
  'receipt_closed',
  'selection_required',
  'upload_closed',
  'already_approved',
  'automatic_benefit',
  'benefit_expired',
  'benefit_used',
  'already_claimed',
  'already_answered',
  'already_submitted',
] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

export function isConflictCode(code: string): code is ConflictCode {
  return (CONFLICT_CODES as readonly string[]).includes(code);
}

/** A documented refusal in words; `null` for a code the platform added since. */
export function refusalWords(
  t: (key: `common:refusals.${ConflictCode}`) => string,
  code: string | null | undefined,
): string | null {
  return code != null && isConflictCode(code) ? t(`common:refusals.${code}`) : null;
}
