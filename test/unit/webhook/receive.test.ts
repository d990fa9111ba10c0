import { describe, expect, it } from 'vitest';
import { MessageCrypto } from '../../../src/crypto/message-crypto.js';
import { computeMsgSignature, computeSignature } from '../../../src/crypto/signature.js';
import { buildPush, inbound } from '../../../src/push/index.js';
import { queryOf } from '../../../src/webhook/http.js';
import { bodyText, receivePush, verifyUrl } from '../../../src/webhook/receive.js';
import { Router } from '../../../src/webhook/router.js';
import { resolveSettings, type WebhookOptions } from '../../../src/webhook/settings.js';
import {
  APPID,
  FAN,
  KEY,
  NOW,
  OLD_KEY,
  TOKEN,
  TS,
  keysFor,
  post,
  pushRequest,
  setup,
  thrownBy,
} from './support.js';

function settings(options: Partial<WebhookOptions> = {}) {
  const all: WebhookOptions = { token: TOKEN, appId: APPID, encodingAESKey: KEY, now: () => NOW, ...options };
  return resolveSettings(new Router(), all);
}

/** receivePush on a signed push built for `mode` (the request's query and body, as the webhook reads them). */
function receive(request: { url: string; body: string | Uint8Array }, options: Partial<WebhookOptions> = {}) {
  return receivePush(settings(options), queryOf(request.url), request.body);
}

const verifyQuery = (signature: string, ts = TS) =>
  `/wx?signature=${signature}&timestamp=${ts}&nonce=1514711492&echostr=4375120948345356249`;

describe('receivePush', () => {
  it('reads a plain push: the message, mode plain, no key', () => {
    const push = receive(pushRequest('plain'));
    expect(push).toMatchObject({ mode: 'plain', keyIndex: undefined });
    expect(push.message).toMatchObject({ type: 'text', content: 'hello', fromUserName: FAN.from });
  });
  it('decrypts compatible and safe pushes, and says which key worked', () => {
    expect(receive(pushRequest('compatible'))).toMatchObject({ mode: 'compatible', keyIndex: 0 });
    expect(receive(pushRequest('safe'))).toMatchObject({ mode: 'safe', keyIndex: 0 });
    const rotated = receive(pushRequest('safe', inbound.text(FAN, 'old'), OLD_KEY), {
      previousEncodingAESKey: OLD_KEY,
    });
    expect(rotated).toMatchObject({ mode: 'safe', keyIndex: 1, message: { content: 'old' } });
  });
  it('reads the plaintext copy of a compatible push when no key is configured', () => {
    const push = receive(pushRequest('compatible'), { encodingAESKey: undefined });
    expect(push).toMatchObject({ mode: 'compatible', keyIndex: undefined, message: { content: 'hello' } });
  });
  it('refuses, with a code and the answer’s text, before reading anything unverified', () => {
    const plain = pushRequest('plain');
    const safe = pushRequest('safe');
    const cases: [() => unknown, string, string | RegExp][] = [
      [() => receive(plain, { maxBodyBytes: 10 }), 'BODY_TOO_LARGE', 'body exceeds 10 bytes'],
      [() => receive(plain, { now: () => NOW + 301_000 }), 'TIMESTAMP_OUT_OF_WINDOW', /more than 300 s/],
      [() => receive({ ...plain, url: '/wx' }), 'TIMESTAMP_OUT_OF_WINDOW', 'missing or invalid timestamp'],
      [
        () => receive({ ...plain, url: plain.url.replace(/signature=\w+/, `signature=${'0'.repeat(40)}`) }),
        'SIGNATURE_INVALID',
        'invalid signature',
      ],
      [
        () =>
          receive({ ...safe, url: safe.url.replace(/msg_signature=\w+/, `msg_signature=${'1'.repeat(40)}`) }),
        'SIGNATURE_INVALID',
        'invalid msg_signature',
      ],
      [
        () => receive({ ...safe, body: '<xml><ToUserName>gh</ToUserName></xml>' }),
        'ENCRYPT_INVALID',
        'encrypt_type=aes but the body has no Encrypt element',
      ],
      [
        () => receive(safe, { encodingAESKey: undefined }),
        'ENCODING_AES_KEY_MISSING',
        'an encrypted push arrived but no EncodingAESKey is configured (set WECHAT_ENCODING_AES_KEY)',
      ],
      [() => receive({ ...plain, body: '<xml>' }), 'XML_MALFORMED', /Malformed XML/],
    ];
    for (const [fn, code, message] of cases) {
      expect(thrownBy(fn)).toMatchObject({ name: 'WeChatError', code, message });
    }
  });
  it('checks the signature before it parses: a forged push of broken XML is a signature refusal', () => {
    const plain = pushRequest('plain');
    const forged = { url: plain.url.replace(/signature=\w+/, `signature=${'0'.repeat(40)}`), body: '<xml' };
    expect(thrownBy(() => receive(forged))).toMatchObject({ code: 'SIGNATURE_INVALID' });
  });
});

describe('bodyText', () => {
  it('decodes strings, Buffers and byte views (only the viewed bytes), and no body as empty', () => {
    expect(bodyText(undefined, 10)).toBe('');
    expect(bodyText('<xml/>', 10)).toBe('<xml/>');
    expect(bodyText(Buffer.from('微信'), 10)).toBe('微信');
    const bytes = new TextEncoder().encode('..<xml/>..');
    expect(bodyText(bytes.subarray(2, 8), 10)).toBe('<xml/>');
  });
  it('counts bytes, not characters, against the limit', () => {
    expect(bodyText('微信', 6)).toBe('微信');
    expect(thrownBy(() => bodyText('微信', 5))).toMatchObject({
      code: 'BODY_TOO_LARGE',
      message: 'body exceeds 5 bytes',
    });
  });
});

describe('verifyUrl', () => {
  it('answers the echostr once timestamp and signature pass', () => {
    const url = verifyQuery(computeSignature(TOKEN, TS, '1514711492'));
    expect(verifyUrl(settings(), queryOf(url))).toBe('4375120948345356249');
  });
  it('refuses a missing echostr with ECHOSTR_MISSING, after the timestamp check', () => {
    const signed = `/wx?signature=${computeSignature(TOKEN, TS, '1')}&timestamp=${TS}&nonce=1`;
    expect(thrownBy(() => verifyUrl(settings(), queryOf(signed)))).toMatchObject({
      code: 'ECHOSTR_MISSING',
      message: 'missing echostr',
    });
    expect(thrownBy(() => verifyUrl(settings(), queryOf('/wx?nonce=1')))).toMatchObject({
      code: 'TIMESTAMP_OUT_OF_WINDOW',
    });
  });
  it('decrypts a signed, encrypted echostr (WeCom-style verification)', () => {
    const echostr = new MessageCrypto({ appId: APPID, encodingAESKey: KEY }).encrypt('plain echo');
    const signature = computeMsgSignature(TOKEN, TS, '1', echostr);
    const url = `/wx?msg_signature=${signature}&timestamp=${TS}&nonce=1&echostr=${encodeURIComponent(echostr)}`;
    expect(verifyUrl(settings(), queryOf(url))).toBe('plain echo');
    const forged = url.replace(signature, '2'.repeat(40));
    expect(thrownBy(() => verifyUrl(settings(), queryOf(forged)))).toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: 'invalid msg_signature',
    });
  });
});

describe('URL verification', () => {
  it('answers exactly the echostr when the signature is right', async () => {
    const { webhook } = setup();
    const res = await webhook.handle({
      method: 'GET',
      url: verifyQuery(computeSignature(TOKEN, TS, '1514711492')),
    });
    expect(res).toMatchObject({ status: 200, body: '4375120948345356249' });
  });
  it('passes the official vector (timestamp window off)', async () => {
    const { webhook } = setup({ timestampWindowSec: 0 });
    const res = await webhook.handle({
      method: 'GET',
      url: verifyQuery('f464b24fc39322e44b38aa78f5edd27bd1441696', '1714036504'),
    });
    expect(res.body).toBe('4375120948345356249');
  });
  it('refuses a wrong or missing signature with 401, never echoing echostr', async () => {
    const { webhook } = setup();
    for (const url of [
      verifyQuery('f464b24fc39322e44b38aa78f5edd27bd1441696'),
      '/wx?timestamp=1&nonce=2&echostr=4375120948345356249',
    ]) {
      const res = await webhook.handle({ method: 'GET', url });
      expect(res.status).toBe(401);
      expect(res.body).not.toContain('4375120948345356249');
    }
  });
  it('refuses a timestamp outside the window with 401', async () => {
    const { webhook } = setup();
    const old = String(NOW / 1000 - 301);
    const res = await webhook.handle({
      method: 'GET',
      url: verifyQuery(computeSignature(TOKEN, old, '1514711492'), old),
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatch(/timestamp/);
  });
  it('refuses a missing echostr with 400', async () => {
    const { webhook } = setup();
    const res = await webhook.handle({
      method: 'GET',
      url: `/wx?signature=${computeSignature(TOKEN, TS, '1')}&timestamp=${TS}&nonce=1`,
    });
    expect(res).toMatchObject({ status: 400, body: 'missing echostr' });
  });
});

describe('reading pushes through the webhook', () => {
  it('compatible without a configured key: reads the plaintext copy after checking signature', async () => {
    const { webhook, seen } = setup({ encodingAESKey: undefined });
    const res = await post(webhook, 'compatible');
    expect(res.body).toContain('<Content><![CDATA[hello]]></Content>');
    expect(seen[0]).toMatchObject({ type: 'text', content: 'hello' });
  });
  it('safe without a configured key: 500 saying what to configure', async () => {
    const { webhook, seen } = setup({ encodingAESKey: undefined });
    const res = await post(webhook, 'safe');
    expect(res.status).toBe(500);
    expect(res.body).toMatch(/WECHAT_ENCODING_AES_KEY/);
    expect(seen).toHaveLength(0);
  });
  it('plain mode with a key configured: a fan typing "<Encrypt>" is still a plain text message', async () => {
    const { webhook, seen } = setup();
    const res = await post(webhook, 'plain', inbound.text(FAN, '<Encrypt>not a ciphertext</Encrypt>'));
    expect(res.status).toBe(200);
    expect(seen[0]).toMatchObject({ type: 'text', content: '<Encrypt>not a ciphertext</Encrypt>' });
  });
  it('an Encrypt element without encrypt_type=aes still takes the encrypted path', async () => {
    const { webhook, seen } = setup();
    const p = buildPush(inbound.text(FAN, 'hidden'), keysFor('safe'), { timestamp: TS, nonce: '415670741' });
    const res = await webhook.handle({
      method: 'POST',
      url: `/wx${p.search.replace('&encrypt_type=aes', '')}`,
      body: p.body,
    });
    expect(res.body).toMatch(/^<xml><Encrypt>/);
    expect(seen[0]).toMatchObject({ type: 'text', content: 'hidden' });
  });
});
