//! The application form's behaviour: its values, core's `check_application` on each
//! settled change and again on submit (a text's problem shows once it was edited, or the
//! form submitted), then `apply`, which queues the application and answers at once.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { AddressView, OutboxItemView, SnippetView, TaskDetail } from '../../bindings';
import { errorCode } from '../../shared/errors';
import { apply } from '../../shared/ipc';
import { useDebouncedValue } from '../../shared/useDebouncedValue';
import {
  type ApplyValues,
  alreadyApplied,
  applicationInputOf,
  effectiveAddressId,
  initialValues,
  maySend,
  PITCH_FIELDS,
  type PitchField,
  placeProblems,
} from './applyForm';
import { checkQuery, useApplicationCheck } from './queries';

/** How long typing must pause before core checks the form. */
export const CHECK_DELAY_MS = 400;

export function useApplyForm(
  detail: TaskDetail,
  addresses: readonly AddressView[],
  snippets: readonly SnippetView[],
  onQueued: (item: OutboxItemView) => void,
) {
  const client = useQueryClient();
  const [values, setValues] = useState(() => initialValues(addresses, snippets));
  // A prefilled text is the creator's own already: its problem shows from the start.
  const [touched, setTouched] = useState<ReadonlySet<PitchField>>(
    () => new Set(PITCH_FIELDS.filter((f) => values[f] !== '')),
  );
  const [submitting, setSubmitting] = useState(false);
  const [submitFailure, setSubmitFailure] = useState<unknown>(null);

  const addressId = effectiveAddressId(values.addressId, addresses);
  const input = useMemo(
    () => applicationInputOf(detail.row.id, { ...values, addressId }),
    [detail.row.id, values, addressId],
  );
  const settled = useDebouncedValue(input, CHECK_DELAY_MS);
  const check = useApplicationCheck(settled);

  const send = useMutation({
    mutationFn: apply,
    onSuccess: onQueued,
    onError: (error) => {
      // Refused by field after all (the form changed under the check): ask core which.
      if (errorCode(error) === 'invalid_input') {
        void client.fetchQuery({ ...checkQuery(input), staleTime: 0 }).catch(() => {});
      }
    },
  });

  const edit = (change: (before: ApplyValues) => Partial<ApplyValues>, field?: PitchField) => {
    setValues((before) => ({ ...before, ...change(before) }));
    if (field !== undefined) setTouched((before) => new Set(before).add(field));
  };

  /** Every problem shows; core checks the form as it is now (not the debounced one) and
   * it is sent only when nothing blocks it. */
  const submit = async () => {
    setTouched(new Set(PITCH_FIELDS));
    setSubmitFailure(null);
    send.reset();
    setSubmitting(true);
    try {
      const verdict = await client.fetchQuery({ ...checkQuery(input), staleTime: 0 });
      if (maySend(verdict)) send.mutate(input);
    } catch (error) {
      setSubmitFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  const verdict = check.data;
  const placed = placeProblems(verdict?.problems ?? [], addressId !== null);
  return {
    values: { ...values, addressId },
    text: (field: PitchField, text: string) => edit(() => ({ [field]: text }), field),
    /** A snippet's text replaces the field's; clearing the picker keeps the text. */
    pickSnippet: (field: PitchField, snippet: SnippetView | null) =>
      edit(
        (before) => ({
          ...(snippet === null ? {} : { [field]: snippet.body }),
          snippetIds: { ...before.snippetIds, [field]: snippet?.id ?? null },
        }),
        field,
      ),
    pickAddress: (id: string) => edit(() => ({ addressId: id })),
    problems: {
      shipping: placed.shipping,
      strengths: touched.has('strengths') ? placed.strengths : undefined,
      idea: touched.has('idea') ? placed.idea : undefined,
    },
    warnings: verdict?.warnings ?? [],
    blocked: alreadyApplied(verdict),
    /** Core's verdict shown is on the form as it is now: no change waits for its check,
     * no check is under way (the window's end-to-end tests wait for this). */
    checked: settled === input && check.isSuccess && !check.isPlaceholderData && !check.isFetching,
    submit,
    busy: submitting || send.isPending,
    checkFailure: submitFailure ?? check.error,
    sendFailure: send.error,
  };
}
