import { describe, expect, it } from 'vitest';
import { API_RETRY_BACKOFF, backoffDelay, TOKEN_REFRESH_BACKOFF } from '../../../src/wechat-http/backoff.js';

describe('backoffDelay', () => {
  it('is 0 before any failure', () => {
    expect(backoffDelay(0, TOKEN_REFRESH_BACKOFF)).toBe(0);
    expect(backoffDelay(0, API_RETRY_BACKOFF)).toBe(0);
  });

  it('doubles its ceiling with each failure: half fixed, half jitter', () => {
    const low = [1, 2, 3, 4].map((n) => backoffDelay(n, TOKEN_REFRESH_BACKOFF, () => 0));
    const high = [1, 2, 3, 4].map((n) => backoffDelay(n, TOKEN_REFRESH_BACKOFF, () => 1));
    expect(low).toEqual([500, 1000, 2000, 4000]);
    expect(high).toEqual([1000, 2000, 4000, 8000]);
  });

  it('doubles from the base delay and caps at the maximum', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, top))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('jitters into [half, full] of the exponential delay', () => {
    expect(backoffDelay(2, API_RETRY_BACKOFF, () => 0)).toBe(200);
    expect(backoffDelay(2, API_RETRY_BACKOFF, () => 0.999999)).toBe(400);
  });

  it('stays within [ceiling/2, ceiling] for any random value', () => {
    for (const r of [0, 0.1, 0.5, 0.99]) {
      const delay = backoffDelay(5, { baseDelayMs: 100, maxDelayMs: 60_000 }, () => r);
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1600);
    }
  });

  it('never exceeds maxDelayMs, even after very many failures', () => {
    expect(backoffDelay(10_000, TOKEN_REFRESH_BACKOFF, () => 1)).toBe(60_000);
    expect(backoffDelay(Number.POSITIVE_INFINITY, TOKEN_REFRESH_BACKOFF, () => 0)).toBe(30_000);
  });

  it('keeps the two configurations: API retries from 200 ms to 2 s, token refreshes from 1 s to 60 s', () => {
    expect(API_RETRY_BACKOFF).toEqual({ baseDelayMs: 200, maxDelayMs: 2000 });
    expect(TOKEN_REFRESH_BACKOFF).toEqual({ baseDelayMs: 1000, maxDelayMs: 60_000 });
  });
});
