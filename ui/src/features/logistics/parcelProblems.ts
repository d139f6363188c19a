//! Core's problems with a typed parcel (`check_parcel`), as the form shows them: one beside
//! each field, worded from its field and problem codes. Core is the one judge of a field;
//! nothing here second-guesses it, and no message is read.

import type { ParcelFieldCode, ParcelProblem, ParcelProblemCode } from '../../bindings';
import type { TFor } from '../../i18n';

/** The problems core names for each field, each worded for that field. */
export const WORDED_PROBLEMS = {
  tracking_no: ['required', 'invalid', 'already_tracked'],
  carrier: ['invalid', 'unknown_carrier'],
  phone: ['invalid', 'required'],
  return_due: ['required', 'invalid'],
  application: ['not_found'],
} as const satisfies Record<ParcelFieldCode, readonly ParcelProblemCode[]>;

/** The shape of `form.problems`: every pair of `WORDED_PROBLEMS` in words. */
export type ProblemWords = {
  [F in ParcelFieldCode]: Record<(typeof WORDED_PROBLEMS)[F][number], string>;
};

type WordedKey = {
  [F in ParcelFieldCode]: `logistics:form.problems.${F}.${(typeof WORDED_PROBLEMS)[F][number]}`;
}[ParcelFieldCode];

/** The problem to show beside each field: the first core named for it. */
export function problemsByField(
  problems: readonly ParcelProblem[],
): Partial<Record<ParcelFieldCode, ParcelProblem>> {
  const shown: Partial<Record<ParcelFieldCode, ParcelProblem>> = {};
  for (const problem of problems) shown[problem.field] ??= problem;
  return shown;
}

/** "这个单号已经在跟踪"; a pair with no words of its own takes its problem's. */
export function problemText(t: TFor, { field, problem }: ParcelProblem): string {
  const worded: readonly ParcelProblemCode[] = WORDED_PROBLEMS[field];
  return worded.includes(problem)
    ? t(`logistics:form.problems.${field}.${problem}` as WordedKey)
    : t(`logistics:form.anyField.${problem}`);
}
