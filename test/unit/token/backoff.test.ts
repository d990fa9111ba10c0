import { describe, expect, it } from 'vitest';
import { WeChatApiError, WeChatError } from '../../../src/errors.js';
import { isTransientFailure, retryDelay } from '../../../src/token/backoff.js';
import { TOKEN_REFRESH_BACKOFF } from '../../../src/wechat-http/backoff.js';

const apiError = (errcode: number) =>
  new WeChatApiError({ errcode, errmsg: 'x', endpoint: '/cgi-bin/token' });

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
    expect(isTransientFailure(new WeChatError('CONFIG_INVALID', 'no AppSecret'))).toBe(false);
  });

  it('treats errors it does not know as transient', () => {
    expect(isTransientFailure(new Error('boom'))).toBe(true);
  });

  it('waits the longest delay at once after a failure a human must fix', () => {
    const top = () => 1;
    expect(retryDelay(1, apiError(40164), TOKEN_REFRESH_BACKOFF, top)).toBe(60_000);
    expect(retryDelay(1, apiError(-1), TOKEN_REFRESH_BACKOFF, top)).toBe(1000);
  });

  it('uses the token managers’ backoff unless told otherwise', () => {
    expect(retryDelay(2, apiError(-1), undefined, () => 1)).toBe(2000);
  });
});
