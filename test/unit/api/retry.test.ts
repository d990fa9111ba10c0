import { describe, expect, it } from 'vitest';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryState } from '../../../src/api/retry.js';

const fresh = (over: Partial<RetryState> = {}): RetryState => ({
  retries: 0,
  tokenRefreshed: false,
  idempotent: true,
  usesGlobalToken: true,
  ...over,
});
const answer = (errcode: number) => ({ kind: 'answer' as const, errcode });
const noAnswer = { kind: 'no-answer' as const };
const half = () => 0.5;

describe('decideRetry', () => {
  it('stops on success', () => {
    expect(decideRetry(answer(0), fresh())).toEqual({ retry: false });
  });

  it.each([40001, 40014, 42001])(
    'refreshes the token once after %i, even for a non-idempotent send',
    (errcode) => {
      expect(decideRetry(answer(errcode), fresh({ idempotent: false }))).toEqual({
        retry: true,
        refreshToken: true,
        delayMs: 0,
      });
      expect(decideRetry(answer(errcode), fresh({ tokenRefreshed: true }))).toEqual({ retry: false });
    },
  );

  it('does not treat token errors of calls without the global token as ours to fix', () => {
    expect(decideRetry(answer(40001), fresh({ usesGlobalToken: false }))).toEqual({ retry: false });
  });

  it.each([45009, 45011])('never retries quota error %i', (errcode) => {
    expect(decideRetry(answer(errcode), fresh())).toEqual({ retry: false });
  });

  it.each([40003, 40007, 40013, 44002, 47001, 48001, 40163])(
    'never retries parameter/permission error %i',
    (errcode) => {
      expect(decideRetry(answer(errcode), fresh())).toEqual({ retry: false });
    },
  );

  it('retries -1 on idempotent calls up to maxRetries with backoff', () => {
    expect(decideRetry(answer(-1), fresh(), DEFAULT_RETRY_POLICY, half)).toEqual({
      retry: true,
      refreshToken: false,
      delayMs: 150,
    });
    expect(decideRetry(answer(-1), fresh({ retries: 1 }), DEFAULT_RETRY_POLICY, half)).toEqual({
      retry: true,
      refreshToken: false,
      delayMs: 300,
    });
    expect(decideRetry(answer(-1), fresh({ retries: 2 }))).toEqual({ retry: false });
  });

  it('retries network errors and timeouts on idempotent calls only', () => {
    expect(decideRetry(noAnswer, fresh(), DEFAULT_RETRY_POLICY, half)).toMatchObject({
      retry: true,
      refreshToken: false,
    });
    expect(decideRetry(noAnswer, fresh({ idempotent: false }))).toEqual({ retry: false });
    expect(decideRetry(answer(-1), fresh({ idempotent: false }))).toEqual({ retry: false });
  });

  it('counts token refreshes separately from busy retries', () => {
    expect(
      decideRetry(answer(-1), fresh({ tokenRefreshed: true }), DEFAULT_RETRY_POLICY, half),
    ).toMatchObject({
      retry: true,
    });
  });
});
