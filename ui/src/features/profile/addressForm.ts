//! The address dialog's form: its values (the region as the cascader's path), the
//! `AddressInput` they stand for, and which of core's problems show where. Core's
//! `check_address` is the one judge of a field; nothing here second-guesses it.

import type { AddressInput, FieldProblem, FormFieldCode } from '../../bindings';
import { type RegionIndex, regionCodeOf, regionPath } from './regionTree';

/** The fields of an address that core checks, in the form's order. */
export const ADDRESS_FIELDS = [
  'contact_name',
  'phone',
  'region_code',
  'detail',
] as const satisfies readonly FormFieldCode[];

export type AddressField = (typeof ADDRESS_FIELDS)[number];

export interface AddressFormValues {
  label: string;
  contact_name: string;
  phone: string;
  /** The cascader's value: `[province, city, district]` codes. */
  region: string[];
  detail: string;
  make_default: boolean;
}

export const EMPTY_ADDRESS: AddressFormValues = {
  label: '',
  contact_name: '',
  phone: '',
  region: [],
  detail: '',
  make_default: false,
};

/** The form's starting values for a stored address (or a blank one). */
export function formValuesOf(input: AddressInput | null, index: RegionIndex): AddressFormValues {
  if (input === null) return EMPTY_ADDRESS;
  return {
    label: input.label,
    contact_name: input.contact_name,
    phone: input.phone,
    region: regionPath(index, input.region_code),
    detail: input.detail,
    make_default: input.make_default,
  };
}

/**
 * What the form says, as core takes it. Semi's form drops a field the user emptied, so
 * every value may be missing. Texts go as typed: core trims and counts.
 */
export function addressInputOf(
  id: string | null,
  values: Partial<AddressFormValues>,
): AddressInput {
  return {
    id,
    label: values.label ?? '',
    contact_name: values.contact_name ?? '',
    phone: values.phone ?? '',
    region_code: regionCodeOf(values.region),
    detail: values.detail ?? '',
    make_default: values.make_default ?? false,
  };
}

/** The problem to show beside each field: the first core named for it, once the field
 * was left (or the form submitted). */
export function shownProblems(
  problems: readonly FieldProblem[],
  touched: ReadonlySet<AddressField>,
): Partial<Record<AddressField, FieldProblem>> {
  const shown: Partial<Record<AddressField, FieldProblem>> = {};
  for (const problem of problems) {
    const field = ADDRESS_FIELDS.find((f) => f === problem.field);
    if (field !== undefined && touched.has(field) && shown[field] === undefined) {
      shown[field] = problem;
    }
  }
  return shown;
}
