import { describe, expect, it } from 'vitest';
import type { ImportProgress, LineRefs } from '../../bindings';
import { importPercent, manualMatchOf, pathNamedIn } from './model';

const p = (over: Partial<ImportProgress>): ImportProgress => ({
  file_name: 'a.csv',
  file_index: 0,
  file_count: 1,
  phase: 'reading',
  done: 0,
  total: 0,
  ...over,
});

const refs = (
  expected: string | null,
  statement: string[] = [],
  bank: string[] = [],
): LineRefs => ({
  expected,
  statement,
  bank,
});

describe('import progress', () => {
  it('reading 0–30 %, parsing 40 %, storing 50–100 %, per file share', () => {
    expect(importPercent(p({ phase: 'reading', done: 0, total: 100 }))).toBe(0);
    expect(importPercent(p({ phase: 'reading', done: 100, total: 100 }))).toBe(30);
    expect(importPercent(p({ phase: 'parsing' }))).toBe(40);
    expect(importPercent(p({ phase: 'storing', done: 1, total: 4 }))).toBe(62.5);
    expect(importPercent(p({ phase: 'done' }))).toBe(100);
    // The second of four files, half stored: 1/4 + 3/4 of 1/4.
    expect(
      importPercent(p({ file_index: 1, file_count: 4, phase: 'storing', done: 5, total: 10 })),
    ).toBe(43.8);
    // No total yet: the start of the phase, never NaN.
    expect(importPercent(p({ phase: 'storing', done: 3, total: 0 }))).toBe(50);
  });
});

describe('manual match', () => {
  it('one expected + one statement line: a task match', () => {
    expect(manualMatchOf([refs('e1'), refs(null, ['s1'])])).toEqual({
      ok: true,
      input: { action: 'manual_match', kind: 'task', expected: 'e1', statement: ['s1'], bank: [] },
    });
  });

  it('statement lines + bank lines, no expected: a payout match', () => {
    expect(
      manualMatchOf([refs(null, ['s1', 's2']), refs(null, [], ['b1']), refs(null, ['s1'])]),
    ).toEqual({
      ok: true,
      input: {
        action: 'manual_match',
        kind: 'payout',
        expected: null,
        statement: ['s1', 's2'],
        bank: ['b1'],
      },
    });
  });

  it('anything else is refused, with the reason', () => {
    expect(manualMatchOf([])).toEqual({ ok: false, problem: 'empty' });
    expect(manualMatchOf([refs('e1')])).toEqual({ ok: false, problem: 'task' });
    expect(manualMatchOf([refs('e1'), refs('e2'), refs(null, ['s1'])])).toEqual({
      ok: false,
      problem: 'task',
    });
    expect(manualMatchOf([refs('e1', ['s1']), refs(null, ['s2'])])).toEqual({
      ok: false,
      problem: 'task',
    });
    expect(manualMatchOf([refs('e1'), refs(null, [], ['b1'])])).toEqual({
      ok: false,
      problem: 'mixed',
    });
    expect(manualMatchOf([refs(null, ['s1'])])).toEqual({ ok: false, problem: 'payout' });
    expect(manualMatchOf([refs(null, [], ['b1'])])).toEqual({ ok: false, problem: 'payout' });
  });
});

describe('error file', () => {
  it('the path whose file name the message names, else the first', () => {
    const paths = ['/a/one.csv', 'C:\\data\\流水.xlsx'];
    expect(pathNamedIn('流水.xlsx: row 3, column 金额: "abc"', paths)).toBe('C:\\data\\流水.xlsx');
    expect(pathNamedIn('something else', paths)).toBe('/a/one.csv');
  });
});
