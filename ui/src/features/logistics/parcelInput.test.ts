import { describe, expect, it } from 'vitest';
import type { ParcelInput } from '../../bindings';
import { IpcError } from '../../shared/ipc';
import { fieldOfRefusal, problemsOf } from './useParcelForm';

const refusal = (message: string, code: 'invalid_input' | 'not_found' = 'invalid_input') =>
  new IpcError(code, message, 'add_parcel');

const input = (over: Partial<ParcelInput> = {}): ParcelInput => ({
  application_id: null,
  leg: 'outbound',
  carrier: 'zhongtong',
  tracking_no: '78812345678901',
  phone: null,
  return_due: null,
  ...over,
});

describe('the parcel form’s problems', () => {
  it('places core’s invalid_input on the field its message names', () => {
    expect(fieldOfRefusal(refusal('tracking number: "SF-1" is not a tracking number'))).toEqual({
      tracking_no: 'tracking_no',
    });
    expect(
      fieldOfRefusal(refusal('carrier: cannot tell the carrier of 123456; choose it')),
    ).toEqual({ carrier: 'carrier' });
    expect(
      fieldOfRefusal(refusal("phone: give the receiver's phone or its last 4 digits")),
    ).toEqual({ phone: 'phone' });
    expect(
      fieldOfRefusal(refusal('return due: a return needs the day it must be sent by')),
    ).toEqual({ return_due: 'return_due' });
    expect(fieldOfRefusal(refusal('the tracking number SF1 is already tracked'))).toEqual({
      tracking_no: 'duplicate',
    });
    // No field's: shown as the error it is.
    expect(fieldOfRefusal(refusal('something else'))).toBeNull();
    expect(fieldOfRefusal(refusal('no application A9', 'not_found'))).toBeNull();
    expect(fieldOfRefusal(new Error('tracking number: x'))).toBeNull();
  });

  it('checks before sending: number, carrier, phone digits when asked, a return’s date', () => {
    expect(problemsOf(input(), false)).toEqual({});
    expect(problemsOf(input({ tracking_no: '' }), false)).toEqual({ tracking_no: 'tracking_no' });
    expect(problemsOf(input({ tracking_no: 'A'.repeat(33) }), false)).toEqual({
      tracking_no: 'tracking_no',
    });
    expect(problemsOf(input({ carrier: '' }), false)).toEqual({ carrier: 'carrier' });
    expect(problemsOf(input({ phone: '123' }), true)).toEqual({ phone: 'phone' });
    expect(problemsOf(input({ phone: '138 1234 5678' }), true)).toEqual({});
    expect(problemsOf(input({ phone: '5678' }), true)).toEqual({});
    // Core takes digits only.
    expect(problemsOf(input({ phone: '138-1234-5678' }), true)).toEqual({ phone: 'phone' });
    expect(problemsOf(input({ phone: null }), false)).toEqual({});
    expect(problemsOf(input({ leg: 'return' }), false)).toEqual({ return_due: 'return_due' });
    expect(problemsOf(input({ leg: 'return', return_due: '2026-04-02' }), false)).toEqual({});
  });
});
