//! The add / correct form's state. The carrier follows the best guess for the number as it
//! is typed (asked once it settles) until the creator picks one; the phone digits are asked
//! for only when that carrier needs them (顺丰, 中通) and no campaign's address gives them.
//! Problems are found here first; core's `invalid_input` is placed on its field.

import { useState } from 'react';
import type { CarrierOption, LegCode, ParcelInput, ParcelView } from '../../bindings';
import { errorCode } from '../../shared/errors';
import { IpcError } from '../../shared/ipc';
import { useDebouncedValue } from '../../shared/useDebouncedValue';
import { MIN_GUESS_LENGTH, useCarrierGuess, useCarriers } from './queries';

/** How long the number must stay unchanged before its carrier is asked. */
export const GUESS_DELAY_MS = 400;

export type ParcelField = 'tracking_no' | 'carrier' | 'phone' | 'return_due';
export type ProblemCode = ParcelField | 'duplicate';
export type Problems = Partial<Record<ParcelField, ProblemCode>>;

const NUMBER = /^[A-Za-z0-9]{1,32}$/;

/**
 * Where core's `invalid_input` belongs. Its message starts with the field it is about
 * ("tracking number: …", "carrier: …", "phone: …", "return due: …") or says the number is
 * already tracked; only that is read, and the words shown are the window's own. Anything
 * else is no field's: `null`, shown as the error it is.
 */
export function fieldOfRefusal(error: unknown): Problems | null {
  if (errorCode(error) !== 'invalid_input' || !(error instanceof IpcError)) return null;
  const m = error.message;
  if (/already tracked/.test(m)) return { tracking_no: 'duplicate' };
  const prefixes: [string, ParcelField][] = [
    ['tracking number:', 'tracking_no'],
    ['carrier:', 'carrier'],
    ['phone:', 'phone'],
    ['return due:', 'return_due'],
  ];
  const field = prefixes.find(([prefix]) => m.startsWith(prefix))?.[1];
  if (field === undefined) return null;
  const problems: Problems = {};
  problems[field] = field;
  return problems;
}

/** The form's own checks, before anything is sent. */
export function problemsOf(input: ParcelInput, phoneAsked: boolean): Problems {
  const out: Problems = {};
  if (!NUMBER.test(input.tracking_no)) out.tracking_no = 'tracking_no';
  if (input.carrier === '') out.carrier = 'carrier';
  // Digits only (spaces aside), at least the last 4: as core reads them.
  const phone = (input.phone ?? '').replace(/\s/g, '');
  if (phoneAsked && !/^\d{4,}$/.test(phone)) out.phone = 'phone';
  if (input.leg === 'return' && (input.return_due ?? '') === '') out.return_due = 'return_due';
  return out;
}

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
  const [problems, setProblems] = useState<Problems>({});

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

  const clear = (field: ParcelField) =>
    setProblems((p) => {
      const { [field]: _gone, ...rest } = p;
      return rest;
    });

  return {
    number,
    setNumber: (value: string) => {
      setNumberState(value);
      if (chosen?.by === 'parcel' && value.trim() !== editing?.tracking_no) setChosen(null);
      clear('tracking_no');
    },
    carrier,
    /** Follows the guess: the creator has not picked a carrier. */
    carrierGuessed: chosen === null && carrier !== '',
    setCarrier: (code: string) => {
      setChosen({ code, by: 'user' });
      clear('carrier');
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
      clear('phone');
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
    problems,
    setProblems,
    input,
    /** Checks the form; the input to send, or `null` with its problems shown. */
    check: (): ParcelInput | null => {
      const found = problemsOf(input, phoneAsked);
      setProblems(found);
      return Object.keys(found).length === 0 ? input : null;
    },
  };
}

export type ParcelForm = ReturnType<typeof useParcelForm>;
