import { describe, expect, it } from 'vitest';
import { computeMsgSignature } from '../../../src/crypto/signature.js';
import { WeChatError, type WeChatErrorCode } from '../../../src/errors.js';
import { buildPush, inbound } from '../../../src/push/index.js';
import { RefusalLog } from '../../../src/webhook/refusal-log.js';
import { refusalResponse } from '../../../src/webhook/refusal.js';
import type { WebhookOptions } from '../../../src/webhook/settings.js';
import { FAN, NOW, TOKEN, TS, keysFor, recordingLogger, setup } from './support.js';

const counting = (logger = recordingLogger()) => new RefusalLog({ logger, now: () => NOW });

describe('refusalResponse', () => {
  it('answers each refusal code with its status and the error’s message as the text', () => {
    const statuses: [WeChatErrorCode, number][] = [
      ['METHOD_NOT_ALLOWED', 405],
      ['BODY_TOO_LARGE', 413],
      ['TIMESTAMP_OUT_OF_WINDOW', 401],
      ['SIGNATURE_INVALID', 401],
      ['NONCE_INVALID', 400],
      ['MESSAGE_MODE_MISMATCH', 401],
      ['SIGNATURE_REPLAYED', 401],
      ['ECHOSTR_MISSING', 400],
      ['ENCRYPT_INVALID', 400],
      ['APPID_MISMATCH', 400],
      ['XML_MALFORMED', 400],
      ['XML_FORBIDDEN', 400],
      ['ENCODING_AES_KEY_MISSING', 500],
    ];
    for (const [code, status] of statuses) {
      const res = refusalResponse(
        new WeChatError(code, `reason of ${code}`),
        'POST',
        recordingLogger(),
        counting(),
      );
      expect(res).toMatchObject({ status, body: `reason of ${code}` });
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
  });
  it('adds Allow to a 405', () => {
    const res = refusalResponse(
      new WeChatError('METHOD_NOT_ALLOWED', 'method not allowed'),
      'PUT',
      recordingLogger(),
      counting(),
    );
    expect(res.headers['allow']).toBe('GET, POST');
  });
  it('logs a refusal as a warning with its code, status, method, reason and count', () => {
    const logger = recordingLogger();
    refusalResponse(
      new WeChatError('SIGNATURE_INVALID', 'invalid signature'),
      'POST',
      logger,
      counting(logger),
    );
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        msg: 'push refused',
        obj: {
          code: 'SIGNATURE_INVALID',
          status: 401,
          method: 'POST',
          reason: 'invalid signature',
          count: 1,
          total: 1,
        },
      },
    ]);
  });
  it('answers any other error with a 500 that tells nothing, and logs the error', () => {
    for (const err of [new Error('secret detail'), new WeChatError('STORE_ERROR', 'Redis is down'), 'text']) {
      const logger = recordingLogger();
      expect(refusalResponse(err, 'POST', logger, counting(logger))).toMatchObject({
        status: 500,
        body: 'internal error',
      });
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

describe('bad input never reaches a handler', () => {
  async function refused(
    status: number,
    req: { method: string; url: string; body?: string | Uint8Array },
    options: Partial<WebhookOptions> = {},
  ) {
    const { webhook, seen, logger } = setup(options);
    const res = await webhook.handle(req);
    expect(res.status).toBe(status);
    expect(seen).toHaveLength(0);
    return { res, logger };
  }
  const plain = () => buildPush(inbound.text(FAN, 'x'), keysFor('plain'), { timestamp: TS, nonce: '1' });
  const safe = () => buildPush(inbound.text(FAN, 'x'), keysFor('safe'), { timestamp: TS, nonce: '1' });
  /** A safe-mode push whose Encrypt is `encrypt`, correctly signed, so only decryption can refuse it. */
  const withEncrypt = (encrypt: string) => {
    const body = `<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const signature = computeMsgSignature(TOKEN, TS, '1', encrypt);
    return {
      url: `/wx${safe().search.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${signature}`)}`,
      body,
    };
  };

  it('missing or wrong signature → 401', async () => {
    const p = plain();
    await refused(401, { method: 'POST', url: '/wx', body: p.body });
    await refused(401, {
      method: 'POST',
      url: `/wx${p.search.replace(/signature=[0-9a-f]{40}/, `signature=${'0'.repeat(40)}`)}`,
      body: p.body,
    });
  });
  it('wrong msg_signature in safe mode → 401', async () => {
    const p = safe();
    await refused(401, {
      method: 'POST',
      url: `/wx${p.search.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'1'.repeat(40)}`)}`,
      body: p.body,
    });
  });
  it('timestamp outside the window (default 300 s, configurable) → 401', async () => {
    const p = plain();
    await refused(401, { method: 'POST', url: `/wx${p.search}`, body: p.body }, { now: () => NOW + 301_000 });
    await refused(
      401,
      { method: 'POST', url: `/wx${p.search}`, body: p.body },
      { now: () => NOW + 61_000, timestampWindowSec: 60 },
    );
  });
  it('non-XML, truncated XML, DOCTYPE and entities → 400', async () => {
    const p = plain();
    for (const body of [
      '{"MsgType":"text"}',
      p.body.slice(0, 60),
      `<!DOCTYPE x [<!ENTITY e "e">]>${p.body}`,
      p.body.replace('x]]>', 'x]]>&e;'),
    ]) {
      await refused(400, { method: 'POST', url: `/wx${p.search}`, body });
    }
  });
  it('a body over 128 KiB (the default limit) → 413', async () => {
    const p = plain();
    await refused(413, { method: 'POST', url: `/wx${p.search}`, body: new Uint8Array(128 * 1024 + 1) });
  });
  it('bad base64, bad padding or a wrong AppID in Encrypt → 400', async () => {
    await refused(400, { method: 'POST', ...withEncrypt('@@@not-base64@@@') });
    // 64 bytes that decrypt to garbage: the 32-byte PKCS#7 check refuses them.
    await refused(400, { method: 'POST', ...withEncrypt(Buffer.alloc(64, 7).toString('base64')) });
    const other = buildPush(
      inbound.text(FAN, 'x'),
      { ...keysFor('safe'), appId: 'wx0000000000000000' },
      { timestamp: TS, nonce: '1' },
    );
    const { res } = await refused(400, { method: 'POST', url: `/wx${other.search}`, body: other.body });
    expect(res.body).toMatch(/AppID/);
  });
  it('XML that is not a WeChat message → 400', async () => {
    const p = buildPush('<xml><Foo>1</Foo></xml>', keysFor('plain'), { timestamp: TS, nonce: '1' });
    await refused(400, { method: 'POST', url: `/wx${p.search}`, body: p.body });
  });
});
