import { describe, expect, it } from 'vitest';
import { WeChatApiError, WeChatError } from '../../../src/errors.js';
import { FailureStreak } from '../../../src/token/failure-streak.js';

const busy = new WeChatApiError({ errcode: -1, errmsg: 'system error', endpoint: '/cgi-bin/stable_token' });
const whitelist = new WeChatApiError({
  errcode: 40164,
  errmsg: 'invalid ip',
  endpoint: '/cgi-bin/stable_token',
});

describe('FailureStreak', () => {
  it('backs off longer with each failure in a row, and keeps the last error', () => {
    const streak = new FailureStreak({ random: () => 1 });
    expect(streak.isBackingOff(0)).toBe(false);
    expect(streak.recordFailure(busy, 0)).toEqual({ failures: 1, retryInMs: 1000 });
    expect(streak.isBackingOff(999)).toBe(true);
    expect(streak.isBackingOff(1000)).toBe(false);
    expect(streak.recordFailure(busy, 1000)).toEqual({ failures: 2, retryInMs: 2000 });
    expect(streak.lastError).toBe(busy);
  });

  it('waits the longest delay at once after a failure a human must fix', () => {
    const streak = new FailureStreak({ random: () => 1 });
    expect(streak.recordFailure(whitelist, 0)).toEqual({ failures: 1, retryInMs: 60_000 });
  });

  it('does not count a call the upstream cap refused (it never reached WeChat)', () => {
    const streak = new FailureStreak();
    expect(streak.recordFailure(new WeChatError('RATE_LIMITED', 'capped'), 0)).toBeUndefined();
    expect(streak.isBackingOff(0)).toBe(false);
    expect(streak.lastError).toBeUndefined();
  });

  it('a success ends the streak: no backoff, no error, and the next failure starts from the shortest delay', () => {
    const streak = new FailureStreak({ random: () => 1 });
    streak.recordFailure(busy, 0);
    streak.recordFailure(busy, 0);
    streak.recordSuccess();
    expect(streak.isBackingOff(0)).toBe(false);
    expect(streak.lastError).toBeUndefined();
    expect(streak.recordFailure(busy, 0)).toEqual({ failures: 1, retryInMs: 1000 });
  });

  it('takes its numbers from the policy it is given', () => {
    const streak = new FailureStreak({ policy: { baseDelayMs: 10, maxDelayMs: 15 }, random: () => 1 });
    expect(streak.recordFailure(busy, 0)?.retryInMs).toBe(10);
    expect(streak.recordFailure(busy, 0)?.retryInMs).toBe(15);
  });
});
