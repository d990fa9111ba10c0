import { describe, expect, it } from 'vitest';
import { WeChatApiError, WeChatError } from '../../../src/errors.js';
import { backoffDelay, isTransientFailure, retryDelay } from '../../../src/token/backoff.js';

const apiError = (errcode: number) =>
  new WeChatApiError({ errcode, errmsg: 'x', endpoint: '/cgi-bin/token' });

describe('backoffDelay', () => {
  it('is 0 before any failure', () => {
    expect(backoffDelay(0)).toBe(0);
  });

  it('doubles its ceiling with each failure: half fixed, half jitter', () => {
    const low = [1, 2, 3, 4].map((n) => backoffDelay(n, { random: () => 0 }));
    const high = [1, 2, 3, 4].map((n) => backoffDelay(n, { random: () => 1 }));
    expect(low).toEqual([500, 1000, 2000, 4000]);
    expect(high).toEqual([1000, 2000, 4000, 8000]);
  });

  it('stays within [ceiling/2, ceiling] for any random value', () => {
    for (const r of [0, 0.1, 0.5, 0.99]) {
      const delay = backoffDelay(5, { baseMs: 100, random: () => r });
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1600);
    }
  });

  it('never exceeds maxMs, even after very many failures', () => {
    expect(backoffDelay(10_000, { maxMs: 60_000, random: () => 1 })).toBe(60_000);
    expect(backoffDelay(Number.POSITIVE_INFINITY, { maxMs: 60_000, random: () => 0 })).toBe(30_000);
  });
});

describe('retry rules', () => {
  it('treats busy (-1), per-minute limit (45011), network and timeouts as transient', () => {
    expect(isTransientFailure(apiError(-1))).toBe(true);
    expect(isTransientFailure(apiError(45011))).toBe(true);
    expect(isTransientFailure(new WeChatError('HTTP_ERROR', 'down'))).toBe(true);
    expect(isTransientFailure(new WeChatError('TIMEOUT', 'slow'))).toBe(true);
  });

  it('treats config problems and the daily quota as needing a human', () => {
    for (const errcode of [40013, 40125, 40164, 40243, 45009])
      expect(isTransientFailure(apiError(errcode))).toBe(false);
  });

  it('waits the longest delay at once after a failure a human must fix', () => {
    const options = { maxMs: 60_000, random: () => 1 };
    expect(retryDelay(1, apiError(40164), options)).toBe(60_000);
    expect(retryDelay(1, apiError(-1), options)).toBe(1000);
  });
});
