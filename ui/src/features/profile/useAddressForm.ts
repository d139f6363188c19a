//! The address dialog's behaviour: core's `check_address` when a field is left and before
//! saving (its problems shown by field from then on), then `save_address`. Core is the one
//! judge of a field; a save refused by field asks it again which.

import type { FormApi } from '@douyinfe/semi-ui/lib/es/form/interface';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { AddressInput, FieldProblem } from '../../bindings';
import { errorCode } from '../../shared/errors';
import { checkAddress, saveAddress } from '../../shared/ipc';
import {
  ADDRESS_FIELDS,
  type AddressField,
  type AddressFormValues,
  addressInputOf,
  shownProblems,
} from './addressForm';

/** Core's verdict on the latest version of the address; an older answer never wins. */
function useAddressCheck() {
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const latest = useRef(0);
  const run = useCallback(async (input: AddressInput): Promise<FieldProblem[] | null> => {
    const mine = ++latest.current;
    try {
      const found = await checkAddress(input);
      if (mine === latest.current) {
        setProblems(found);
        setFailure(null);
      }
      return found;
    } catch (error) {
      if (mine === latest.current) setFailure(error);
      return null;
    }
  }, []);
  return { problems, failure, run };
}

export function useAddressForm(id: string | null, onSaved: () => void) {
  const formApi = useRef<FormApi<AddressFormValues> | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<AddressField>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const check = useAddressCheck();

  const inputNow = (patch: Partial<AddressFormValues> = {}) =>
    addressInputOf(id, { ...formApi.current?.getValues(), ...patch });

  const save = useMutation({
    mutationFn: saveAddress,
    onSuccess: onSaved,
    onError: (error) => {
      if (errorCode(error) === 'invalid_input') void check.run(inputNow());
    },
  });

  /** A field was left (or the region picked): core checks the whole address; the field's
   * problem shows from now on. `patch`: a value the form has not taken yet. */
  const leave = (field: AddressField, patch?: Partial<AddressFormValues>) => {
    setTouched((before) => new Set(before).add(field));
    void check.run(inputNow(patch));
  };

  /** Every field's problem shows; saved only when core finds none. */
  const submit = async () => {
    if (formApi.current === null) return;
    const input = inputNow();
    setTouched(new Set(ADDRESS_FIELDS));
    setSubmitting(true);
    const problems = await check.run(input);
    setSubmitting(false);
    if (problems !== null && problems.length === 0) save.mutate(input);
  };

  return {
    /** For the form's `getFormApi`. */
    bind: (api: FormApi<AddressFormValues>) => {
      formApi.current = api;
    },
    leave,
    submit,
    shown: shownProblems(check.problems, touched),
    busy: submitting || save.isPending,
    saveError: save.error,
    checkError: check.failure,
  };
}
