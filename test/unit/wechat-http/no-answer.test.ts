import { describe, expect, it } from 'vitest';
import { WeChatError } from '../../../src/errors.js';
import { describeNetworkError, isNoAnswer, noAnswerError } from '../../../src/wechat-http/no-answer.js';

const SECRET = '0123456789abcdef0123456789abcdef';
const URL_WITH_SECRET = `https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&secret=${SECRET}`;
const refused = (message: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code: 'ECONNREFUSED' }) });

describe('describeNetworkError', () => {
  it("keeps undici's reason from the cause, with its code", () => {
    expect(describeNetworkError(refused('connect ECONNREFUSED 127.0.0.1:443'))).toBe(
      'fetch failed: connect ECONNREFUSED 127.0.0.1:443',
    );
    expect(describeNetworkError(refused('x'))).toBe('fetch failed: x (ECONNREFUSED)');
  });

  it('redacts secrets an error quotes from the URL', () => {
    const text = describeNetworkError(new TypeError(`Failed to parse URL from ${URL_WITH_SECRET}`));
    expect(text).not.toContain(SECRET);
    expect(text).toContain('secret=[redacted]');
    expect(describeNetworkError(`boom ${URL_WITH_SECRET}`)).not.toContain(SECRET);
  });
});

describe('noAnswerError', () => {
  const request = (aborted: boolean) => {
    const controller = new AbortController();
    if (aborted) controller.abort();
    return { signal: controller.signal, timeoutMs: 50, endpoint: '/cgi-bin/token', url: URL_WITH_SECRET };
  };

  it('is TIMEOUT when the deadline fired, naming the endpoint and the deadline', () => {
    const err = noAnswerError(new DOMException('aborted', 'AbortError'), request(true));
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('WeChat API /cgi-bin/token did not answer within 50 ms');
    expect(err.hint).toContain('timeoutMs');
  });

  it('is HTTP_ERROR otherwise, with the reason and the origin of WECHAT_API_BASE, never the secret', () => {
    const err = noAnswerError(refused(`connect ECONNREFUSED ${URL_WITH_SECRET}`), request(false));
    expect(err.code).toBe('HTTP_ERROR');
    expect(err.message).toContain('could not be reached (fetch failed: connect ECONNREFUSED');
    expect(err.hint).toBe('Check the network and WECHAT_API_BASE (https://api.weixin.qq.com)');
    expect(`${err.message} ${(err.cause as Error).message}`).not.toContain(SECRET);
  });

  it('says when the API base is not a URL', () => {
    const err = noAnswerError(new TypeError('Failed to parse URL'), {
      ...request(false),
      url: 'not a url/x',
    });
    expect(err.hint).toContain('(not a URL)');
  });

  it('passes a WeChatError through unchanged', () => {
    const own = new WeChatError('CONFIG_INVALID', 'no AppSecret');
    expect(noAnswerError(own, request(false))).toBe(own);
  });
});

describe('isNoAnswer', () => {
  it('is true for TIMEOUT and HTTP_ERROR only', () => {
    expect(isNoAnswer(new WeChatError('TIMEOUT', 'slow'))).toBe(true);
    expect(isNoAnswer(new WeChatError('HTTP_ERROR', 'down'))).toBe(true);
    expect(isNoAnswer(new WeChatError('API_ERROR', 'answered'))).toBe(false);
    expect(isNoAnswer(new Error('bug'))).toBe(false);
  });
});
