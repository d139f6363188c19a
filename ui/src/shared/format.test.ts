import { describe, expect, it } from 'vitest';
import {
  agoFrom,
  escapeHtml,
  formatCount,
  formatDecimal,
  formatFollowers,
  formatInstant,
  formatMoney,
  formatMoneyShort,
  formatTime,
  normalizeYuanInput,
  plainMoney,
  signedMoney,
} from './format';

describe('formatMoney (amounts stay strings)', () => {
  it.each([
    ['1288.50', '¥1,288.50'],
    ['-200.00', '-¥200.00'],
    ['0.00', '¥0.00'],
    ['1288.5', '¥1,288.50'],
    ['7', '¥7.00'],
    ['1234567.89', '¥1,234,567.89'],
    // Beyond 2^53 a JS number would lose the fen; the string does not.
    ['90071992547409.93', '¥90,071,992,547,409.93'],
    ['-0.00', '¥0.00'],
  ])('%s → %s', (input, expected) => {
    expect(formatMoney(input)).toBe(expected);
  });

  it('leaves a non-decimal string alone instead of guessing', () => {
    expect(formatMoney('abc')).toBe('abc');
    expect(formatMoney('1e5')).toBe('1e5');
  });

  it('short form drops only an all-zero fraction', () => {
    expect(formatMoneyShort('1000.00')).toBe('¥1,000');
    expect(formatMoneyShort('99.90')).toBe('¥99.90');
    expect(formatMoneyShort('-200.00')).toBe('-¥200');
  });
});

describe('money inside a sentence (no separators, sign before ¥)', () => {
  it.each([
    ['2500.00', '¥2500.00', '+¥2500.00'],
    ['-40.00', '-¥40.00', '-¥40.00'],
    ['0.00', '¥0.00', '¥0.00'],
    ['-0.00', '¥0.00', '¥0.00'],
    ['+12.5', '¥12.50', '+¥12.50'],
    ['1234567.89', '¥1234567.89', '+¥1234567.89'],
  ])('%s → %s, signed %s', (input, plain, signed) => {
    expect(plainMoney(input)).toBe(plain);
    expect(signedMoney(input)).toBe(signed);
  });

  it('leaves a non-decimal string alone', () => {
    expect(plainMoney('abc')).toBe('abc');
    expect(signedMoney('abc')).toBe('abc');
  });
});

describe('formatFollowers', () => {
  it.each([
    ['268000', '26.8万', '268K'],
    ['10000', '1万', '10K'],
    ['500000', '50万', '500K'],
    ['9800', '9,800', '9.8K'],
    ['850', '850', '850'],
    ['1530000', '153万', '1.5M'],
    ['999999', '100万', '1M'],
    ['120000000', '1.2亿', '120M'],
  ])('%s → %s / %s', (input, zh, en) => {
    expect(formatFollowers(input, 'zh-CN')).toBe(zh);
    expect(formatFollowers(input, 'en')).toBe(en);
  });
});

describe('counts and input', () => {
  it('groups plays', () => {
    expect(formatCount('100000')).toBe('100,000');
    expect(formatCount(5000)).toBe('5,000');
  });

  it('normalizes typed yuan amounts, refusing malformed ones', () => {
    expect(normalizeYuanInput(' 1288.5 ')).toBe('1288.5');
    expect(normalizeYuanInput('¥1,000')).toBe('1000');
    expect(normalizeYuanInput('')).toBeNull();
    expect(normalizeYuanInput('12.345')).toBeNull();
    expect(normalizeYuanInput('-5')).toBeNull();
    expect(normalizeYuanInput('abc')).toBeNull();
    // Commas group thousands only; a decimal comma is refused, not read tenfold.
    expect(normalizeYuanInput('12,345.6')).toBe('12345.6');
    expect(normalizeYuanInput('1,234,567')).toBe('1234567');
    expect(normalizeYuanInput('1,5')).toBeNull();
    expect(normalizeYuanInput('12,34')).toBeNull();
    expect(normalizeYuanInput('1234,567')).toBeNull();
    expect(normalizeYuanInput(',500')).toBeNull();
  });

  it('says how long ago an instant was', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    expect(agoFrom('2025-03-01T11:59:40Z', now)).toEqual({ unit: 'now' });
    expect(agoFrom('2025-03-01T11:45:00Z', now)).toEqual({ unit: 'minutes', count: 15 });
    expect(agoFrom('2025-03-01T09:00:00Z', now)).toEqual({ unit: 'hours', count: 3 });
    expect(agoFrom('2025-02-27T12:00:00Z', now)).toEqual({ unit: 'days', count: 2 });
    expect(agoFrom('2025-01-01T12:00:00Z', now).unit).toBe('absolute');
  });
});

describe('decimal strings and times', () => {
  it.each([
    ['12345.67', '12,345.67'],
    ['3', '3'],
    ['0.00', '0.00'],
    ['1234567', '1,234,567'],
    ['-1234.5', '-1,234.5'],
    ['abc', 'abc'],
  ])('formatDecimal %s → %s', (input, expected) => {
    expect(formatDecimal(input)).toBe(expected);
  });

  it('a time of day is the local clock of the instant', () => {
    const at = '2026-03-28T02:50:00Z';
    expect(formatTime(at)).toBe(formatInstant(at).slice(11));
    expect(formatTime(at)).toMatch(/^\d{2}:\d{2}$/);
    expect(formatTime('soon')).toBe('soon');
  });

  it('HTML for a tooltip is escaped', () => {
    expect(escapeHtml('<b>"A&B"</b>')).toBe('&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;');
  });
});
