import { describe, expect, it } from 'vitest';
import { answersRefresh, endsRefresh, isDue, refreshTiming } from '../../../src/token/refresh-rules.js';

const MINUTE = 60_000;
const NOW = 1_700_000_000_000;
const timing = refreshTiming(5 * MINUTE);
const record = (leftMs: number, ageMs: number, value = 'T') => ({
  value,
  expiresAt: NOW + leftMs,
  fetchedAt: NOW - ageMs,
});

describe('refresh rules', () => {
  it('records settle for 30 s, or half the lead time if that is less', () => {
    expect(refreshTiming(5 * MINUTE)).toEqual({ refreshAheadMs: 5 * MINUTE, settleMs: 30_000 });
    expect(refreshTiming(20_000).settleMs).toBe(10_000);
  });

  it('a record is due when expired, or inside the lead time and not fetched just now', () => {
    expect(isDue(record(0, 7200_000), NOW, timing)).toBe(true);
    expect(isDue(record(4 * MINUTE, 116 * MINUTE), NOW, timing)).toBe(true);
    expect(isDue(record(4 * MINUTE, 10_000), NOW, timing)).toBe(false); // stable_token's short-lived answer
    expect(isDue(record(6 * MINUTE, 114 * MINUTE), NOW, timing)).toBe(false);
  });

  it('a record answers a due refresh when not due, an explicit one only when fetched moments ago, a forced one never', () => {
    const hourLeft = record(60 * MINUTE, 60 * MINUTE);
    const justFetched = record(120 * MINUTE, 1000);
    expect(answersRefresh(hourLeft, 'due', NOW, timing)).toBe(true);
    expect(answersRefresh(hourLeft, 'now', NOW, timing)).toBe(false);
    expect(answersRefresh(justFetched, 'now', NOW, timing)).toBe(true);
    expect(answersRefresh(justFetched, 'force', NOW, timing)).toBe(false);
    expect(answersRefresh(record(0, 1000), 'now', NOW, timing)).toBe(false); // expired
  });

  it('a published record ends a due refresh when fresh, an explicit or forced one only when newer', () => {
    const before = record(60 * MINUTE, 60 * MINUTE, 'OLD');
    const newer = record(120 * MINUTE, 0, 'NEW');
    expect(endsRefresh(undefined, before, 'due', NOW, timing)).toBe(false);
    expect(endsRefresh(before, before, 'due', NOW, timing)).toBe(true);
    expect(endsRefresh(before, before, 'now', NOW, timing)).toBe(false);
    expect(endsRefresh(newer, before, 'force', NOW, timing)).toBe(true);
    expect(endsRefresh(newer, undefined, 'now', NOW, timing)).toBe(true);
    expect(endsRefresh(record(0, 0), undefined, 'due', NOW, timing)).toBe(false);
  });
});
