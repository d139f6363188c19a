import { describe, expect, it } from 'vitest';
import { silent } from '../../test/logisticsFixtures';
import { askedRecently } from './spacing';

const at = '2026-03-28T01:30:00Z';
const ms = Date.parse(at);

describe('askedRecently', () => {
  it('is the last answer within 30 minutes, null from the 30th minute on', () => {
    const p = { ...silent, last_queried_at: at };
    expect(askedRecently(p, ms)).toBe(at);
    expect(askedRecently(p, ms + 29 * 60_000 + 59_000)).toBe(at);
    expect(askedRecently(p, ms + 30 * 60_000)).toBeNull();
    expect(askedRecently(p, ms + 3 * 3_600_000)).toBeNull();
  });

  it('is null for a parcel never answered, or a time it cannot read', () => {
    expect(askedRecently({ ...silent, last_queried_at: null }, ms)).toBeNull();
    expect(askedRecently({ ...silent, last_queried_at: 'soon' }, ms)).toBeNull();
  });
});
