import { describe, expect, it } from 'vitest';
import { createEchoBot, ECHO_WELCOME } from '../../../src/examples/echo.js';
import { messageFromXml } from '../../../src/messages/parse.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import { parseXml } from '../../../src/xml/parse.js';
import {
  inbound,
  newMsgId,
  readReply,
  signedRequest,
  TEST_ACCOUNT_ID,
  TEST_FAN_OPENID,
  type SignedRequestOptions,
} from '../../../src/testing/index.js';

const ACCOUNT = {
  token: 'AAAAA',
  appId: 'wxba5fad812f8e6fb9',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const webhook = () => createWebhook(createEchoBot(), ACCOUNT);

for (const mode of ['plain', 'compatible', 'safe'] as const) {
  describe(`${mode} mode through createWebhook(createEchoBot())`, () => {
    const keys: SignedRequestOptions = { ...ACCOUNT, mode };

    it('a text comes back as the same text', async () => {
      const res = await webhook().handle(signedRequest.text('你好 <b>&</b>', keys));
      expect(res.status).toBe(200);
      expect(await readReply(res, keys)).toEqual({ type: 'text', content: '你好 <b>&</b>' });
    });

    it('an image and a voice come back with their MediaId', async () => {
      const w = webhook();
      expect(await readReply(await w.handle(signedRequest.image({ mediaId: 'IMG' }, keys)), keys)).toEqual({
        type: 'image',
        mediaId: 'IMG',
      });
      expect(await readReply(await w.handle(signedRequest.voice({ mediaId: 'VOI' }, keys)), keys)).toEqual({
        type: 'voice',
        mediaId: 'VOI',
      });
    });

    it('subscribe is welcomed; other messages and events are acknowledged with success', async () => {
      const w = webhook();
      expect(await readReply(await w.handle(signedRequest.event('subscribe', {}, keys)), keys)).toEqual({
        type: 'text',
        content: ECHO_WELCOME,
      });
      const others = [
        signedRequest.event('CLICK', { EventKey: 'V1001' }, keys),
        signedRequest.video({ mediaId: 'M', thumbMediaId: 'T' }, keys),
        signedRequest.shortvideo({ mediaId: 'M', thumbMediaId: 'T' }, keys),
        signedRequest.location({ latitude: 23.1, longitude: 113.3, label: '广州' }, keys),
        signedRequest.link({ title: 'T', url: 'https://example.com' }, keys),
      ];
      for (const request of others)
        expect(await readReply(await w.handle(request), keys)).toEqual({ type: 'success' });
    });

    it('the body is shaped as WeChat sends it in this mode', () => {
      const { body, url } = signedRequest.text('hi', keys);
      expect(body!.includes('<Encrypt>')).toBe(mode !== 'plain');
      expect(body!.includes('<Content>')).toBe(mode !== 'safe');
      expect(url.includes('encrypt_type=aes&msg_signature=')).toBe(mode !== 'plain');
    });
  });
}

describe('signedRequest', () => {
  it('verify builds the URL verification GET that the webhook answers with echostr', async () => {
    const request = signedRequest.verify({ token: 'AAAAA', echostr: '4375120948345356249' });
    expect(request.method).toBe('GET');
    expect(request.url).toMatch(
      /^\/wx\?signature=[0-9a-f]{40}&timestamp=\d+&nonce=\d+&echostr=4375120948345356249$/,
    );
    const res = await webhook().handle(request);
    expect(res).toMatchObject({ status: 200, body: '4375120948345356249' });
  });

  it('verify with fixed timestamp and nonce reproduces the documented signature', () => {
    const request = signedRequest.verify({
      token: 'AAAAA',
      timestamp: 1714036504,
      nonce: '1514711492',
      echostr: 'e',
      url: '/hook?x=1',
    });
    expect(request.url).toBe(
      '/hook?x=1&signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492&echostr=e',
    );
  });

  it('push signs any inbound XML; parties, msgId and createTime are settable', async () => {
    const xml = inbound.event({ to: 'gh_x', from: 'oOther', createTime: 1 }, 'subscribe');
    const request = signedRequest.push(xml, { ...ACCOUNT, mode: 'safe' });
    expect(request).toMatchObject({ method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' } });
    const keys = { ...ACCOUNT, mode: 'safe' as const, from: 'oOther', to: 'gh_x' };
    expect(await readReply(await webhook().handle(request), keys)).toEqual({
      type: 'text',
      content: ECHO_WELCOME,
    });
    const text = signedRequest.text('hi', { token: 'AAAAA', msgId: '42', createTime: 7 });
    expect(text.body).toContain(
      `<xml><ToUserName><![CDATA[${TEST_ACCOUNT_ID}]]></ToUserName><FromUserName><![CDATA[${TEST_FAN_OPENID}]]></FromUserName>` +
        '<CreateTime>7</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>',
    );
    expect(messageFromXml(parseXml(text.body!).value)).toMatchObject({ msgId: '42', createTime: 7 });
  });

  it('a retry with the same msgId gets the same answer', async () => {
    const w = webhook();
    const keys = { ...ACCOUNT, mode: 'safe' as const, msgId: '9001' };
    const first = await readReply(await w.handle(signedRequest.text('once', keys)), keys);
    const retry = await readReply(await w.handle(signedRequest.text('once', keys)), keys);
    expect(retry).toEqual(first);
  });

  it('works with fetch-style apps: the request is a RequestInit and readReply reads a Response', async () => {
    const w = webhook();
    // A fetch-style app, as Hono's app.request(url, init) would be.
    const app = async (url: string, init: RequestInit) => {
      const res = await w.handle({
        method: init.method ?? 'GET',
        url,
        body: init.body as string | undefined,
      });
      return new Response(res.body, { status: res.status, headers: res.headers });
    };
    const keys = { ...ACCOUNT, mode: 'safe' as const, url: 'http://127.0.0.1:3000/wx' };
    const request = signedRequest.text('via fetch', keys);
    expect(request.url.startsWith('http://127.0.0.1:3000/wx?signature=')).toBe(true);
    expect(await readReply(await app(request.url, request), keys)).toEqual({
      type: 'text',
      content: 'via fetch',
    });
  });
});

describe('readReply', () => {
  it('a push signed with another token: rejects with the 401 and what the webhook said', async () => {
    const res = await webhook().handle(signedRequest.text('hi', { token: 'Wrong1' }));
    await expect(readReply(res, { token: 'Wrong1' })).rejects.toThrow(
      'WeChat would not accept this answer: HTTP status 401 (WeChat needs 200) (the webhook said: invalid signature)',
    );
  });

  it('reading a safe-mode answer with plain keys, or with another token, is refused', async () => {
    const keys = { ...ACCOUNT, mode: 'safe' as const };
    const res = await webhook().handle(signedRequest.text('hi', keys));
    await expect(readReply(res, { token: 'AAAAA' })).rejects.toThrow(
      'an encrypted reply arrived in plain mode',
    );
    await expect(readReply(res, { ...keys, token: 'BBBBB' })).rejects.toThrow('MsgSignature does not match');
  });

  it('a reply addressed to another fan is refused, as WeChat would', async () => {
    const res = await webhook().handle(signedRequest.text('hi', { token: 'AAAAA', from: 'oSomeone' }));
    await expect(readReply(res, { token: 'AAAAA' })).rejects.toThrow(
      `expected the fan's openid "${TEST_FAN_OPENID}"`,
    );
  });

  it('a plain reply that only talks about <Encrypt> is read as plain, in plain and compatible mode', async () => {
    for (const mode of ['plain', 'compatible'] as const) {
      const text = 'what is <Encrypt>? and &lt;Encrypt&gt;?';
      // A webhook without the key answers compatible-mode pushes in plain text, as WeChat allows.
      const plainWebhook = createWebhook(createEchoBot(), { token: ACCOUNT.token });
      const res = await plainWebhook.handle(signedRequest.text(text, { ...ACCOUNT, mode }));
      expect(res.body).toContain('<Encrypt>');
      expect(await readReply(res, { token: ACCOUNT.token, mode })).toEqual({ type: 'text', content: text });
    }
  });

  it('an empty answer and success are acknowledgements', async () => {
    expect(await readReply({ status: 200, body: '' }, { token: 'AAAAA' })).toEqual({ type: 'empty' });
    expect(await readReply(new Response('success'), { token: 'AAAAA' })).toEqual({ type: 'success' });
  });
});

describe('newMsgId', () => {
  it('gives 19-digit ids within a signed 64-bit integer, as Java SDKs read MsgId into a long', () => {
    const max = 2n ** 63n - 1n;
    const ids = Array.from({ length: 10_000 }, () => newMsgId());
    for (const id of ids) {
      expect(id).toMatch(/^[1-9]\d{18}$/);
      expect(BigInt(id) <= max).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
