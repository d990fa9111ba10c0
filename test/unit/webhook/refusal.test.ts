import { describe, expect, it } from 'vitest';
import { WeChatError, type WeChatErrorCode } from '../../../src/errors.js';
import { refusalResponse } from '../../../src/webhook/refusal.js';
import { recordingLogger, setup } from './support.js';

describe('refusalResponse', () => {
  it('answers each refusal code with its status and the error’s message as the text', () => {
    const statuses: [WeChatErrorCode, number][] = [
      ['METHOD_NOT_ALLOWED', 405],
      ['BODY_TOO_LARGE', 413],
      ['TIMESTAMP_OUT_OF_WINDOW', 401],
      ['SIGNATURE_INVALID', 401],
      ['ECHOSTR_MISSING', 400],
      ['ENCRYPT_INVALID', 400],
      ['APPID_MISMATCH', 400],
      ['XML_MALFORMED', 400],
      ['XML_FORBIDDEN', 400],
      ['ENCODING_AES_KEY_MISSING', 500],
    ];
    for (const [code, status] of statuses) {
      const res = refusalResponse(new WeChatError(code, `reason of ${code}`), 'POST', recordingLogger());
      expect(res).toMatchObject({ status, body: `reason of ${code}` });
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
  });
  it('adds Allow to a 405', () => {
    const res = refusalResponse(
      new WeChatError('METHOD_NOT_ALLOWED', 'method not allowed'),
      'PUT',
      recordingLogger(),
    );
    expect(res.headers['allow']).toBe('GET, POST');
  });
  it('logs a refusal as a warning with its status, method and reason', () => {
    const logger = recordingLogger();
    refusalResponse(new WeChatError('SIGNATURE_INVALID', 'invalid signature'), 'POST', logger);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        msg: 'push refused',
        obj: { status: 401, method: 'POST', reason: 'invalid signature' },
      },
    ]);
  });
  it('answers any other error with a 500 that tells nothing, and logs the error', () => {
    for (const err of [new Error('secret detail'), new WeChatError('STORE_ERROR', 'Redis is down'), 'text']) {
      const logger = recordingLogger();
      expect(refusalResponse(err, 'POST', logger)).toMatchObject({ status: 500, body: 'internal error' });
      expect(logger.lines).toEqual([{ level: 'error', msg: 'webhook failed', obj: { err, method: 'POST' } }]);
    }
  });
});

describe('refusals through the webhook', () => {
  it('other methods → 405', async () => {
    const { webhook, seen } = setup();
    const res = await webhook.handle({ method: 'PUT', url: '/wx' });
    expect(res.status).toBe(405);
    expect(seen).toHaveLength(0);
    expect(res.headers['allow']).toBe('GET, POST');
  });
  it('methods are matched in any case; HEAD is a URL verification', async () => {
    const { webhook } = setup();
    expect((await webhook.handle({ method: 'delete', url: '/wx' })).status).toBe(405);
    expect(await webhook.handle({ method: 'head', url: '/wx' })).toMatchObject({
      status: 401,
      body: 'missing or invalid timestamp',
    });
  });
});
