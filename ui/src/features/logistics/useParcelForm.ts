//! The add / correct form's state. The carrier follows the best guess for the number as it
//! is typed (asked once it settles) until the creator picks one; the phone digits are asked
//! for only when that carrier needs them (顺丰, 中通) and no campaign's address gives them.
//! Core's `check_parcel` judges the parcel before it is sent; its problems are kept here,
//! each until its field changes.

import { useState } from 'react';
import type {
  CarrierOption,
  LegCode,
  ParcelFieldCode,
  ParcelInput,
  ParcelProblem,
  ParcelView,
} from '../../bindings';
import { useDebouncedValue } from '../../shared/useDebouncedValue';
import { problemsByField } from './parcelProblems';
import { MIN_GUESS_LENGTH, useCarrierGuess, useCarriers } from './queries';

/** How long the number must stay unchanged before its carrier is asked. */
export const GUESS_DELAY_MS = 400;

export function useParcelForm(editing: ParcelView | null) {
  const [number, setNumberState] = useState(editing?.tracking_no ?? '');
  // The carrier picked by hand, or the parcel's own until its number changes.
  const [chosen, setChosen] = useState<{ code: string; by: 'user' | 'parcel' } | null>(
    editing === null ? null : { code: editing.carrier, by: 'parcel' },
  );
  const [leg, setLeg] = useState<LegCode>(editing?.leg ?? 'outbound');
  const [applicationId, setApplicationId] = useState<string | null>(
    editing?.application_id ?? null,
  );
  const [phone, setPhone] = useState('');
  const [returnDue, setReturnDue] = useState<string | null>(editing?.return_due ?? null);
  const [problems, setProblems] = useState<readonly ParcelProblem[]>([]);

  const settled = useDebouncedValue(number.trim(), GUESS_DELAY_MS);
  const guess = useCarrierGuess(settled);
  const all = useCarriers();
  const guesses: CarrierOption[] = settled.length >= MIN_GUESS_LENGTH ? (guess.data ?? []) : [];
  const carrier = chosen?.code ?? guesses[0]?.code ?? '';
  const option =
    guesses.find((c) => c.code === carrier) ?? all.data?.find((c) => c.code === carrier) ?? null;
  const phoneAsked = (option?.phone_required ?? false) && applicationId === null;
  const guessing = number.trim() !== settled || guess.isFetching;

  const input: ParcelInput = {
    application_id: applicationId,
    leg,
    carrier,
    tracking_no: number.trim(),
    phone: phoneAsked ? phone.trim() : null,
    return_due: leg === 'return' ? returnDue : null,
  };

  /** The fields changed: core's word on them no longer holds. */
  const clear = (...fields: ParcelFieldCode[]) =>
    setProblems((found) => found.filter((p) => !fields.includes(p.field)));

  return {
    number,
    setNumber: (value: string) => {
      setNumberState(value);
      if (chosen?.by === 'parcel' && value.trim() !== editing?.tracking_no) setChosen(null);
      // The carrier guessed (or not) from the number changes with it, and with the carrier
      // whether the phone digits are needed.
      clear('tracking_no', 'carrier', 'phone');
    },
    carrier,
    /** Follows the guess: the creator has not picked a carrier. */
    carrierGuessed: chosen === null && carrier !== '',
    setCarrier: (code: string) => {
      setChosen({ code, by: 'user' });
      clear('carrier', 'phone');
    },
    guesses,
    carriers: all.data ?? [],
    guessing,
    /** Too short yet to tell a carrier from. */
    tooShort: settled.length < MIN_GUESS_LENGTH,
    leg,
    setLeg: (value: LegCode) => {
      setLeg(value);
      clear('return_due');
    },
    applicationId,
    setApplicationId: (id: string | null) => {
      setApplicationId(id);
      // A campaign's address gives the phone digits.
      clear('application', 'phone');
    },
    phone,
    setPhone: (value: string) => {
      setPhone(value);
      clear('phone');
    },
    phoneAsked,
    returnDue,
    setReturnDue: (day: string | null) => {
      setReturnDue(day);
      clear('return_due');
    },
    /** Core's problem beside each field, from its last check. */
    problems: problemsByField(problems),
    /** Core's answer to `check_parcel`: every problem, empty when the parcel can be saved. */
    setProblems,
    input,
  };
}

export type ParcelForm = ReturnType<typeof useParcelForm>;
