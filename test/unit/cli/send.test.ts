import { describe, expect, it } from 'vitest';
import {
  buildMessage,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_FAN_OPENID,
  describeReply,
  eventFields,
  formatReport,
  reportJson,
  resolveTarget,
  sendPush,
  type SendTarget,
} from '../../../src/cli/commands/send.js';
import { createEchoBot, ECHO_WELCOME } from '../../../src/examples/echo.js';
import { messageFromXml } from '../../../src/messages/parse.js';
import type { ReplyVerdict } from '../../../src/push/request.js';
import type { Reply } from '../../../src/replies/types.js';
import { createWebhook, type Webhook } from '../../../src/webhook/handler.js';
import type { Middleware } from '../../../src/webhook/router.js';
import { parseXml } from '../../../src/xml/parse.js';

const TOKEN = 'AAAAA';
const APPID = 'wxba5fad812f8e6fb9';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const ENV = { WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_ENCODING_AES_KEY: KEY };
const parties = { from: 'oFan', to: 'gh_account' };

function parse(xml: string) {
  return messageFromXml(parseXml(xml).value);
}

function urlOf(input: string | URL | Request): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** A fetch that hands the request to a webhook core, so no socket is opened. */
function fetchTo(webhook: Webhook, calls: string[] = []): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(urlOf(input));
    calls.push(url.search);
    const res = await webhook.handle({
      method: init?.method ?? 'GET',
      url: `${url.pathname}${url.search}`,
      body: init?.body as string,
    });
    return new Response(res.body, { status: res.status, headers: res.headers });
  };
}

function reasonOf(verdict: ReplyVerdict): string {
  return verdict.ok ? '' : verdict.reason;
}

const echo = () => createWebhook(createEchoBot(), { token: TOKEN, appId: APPID, encodingAESKey: KEY });

describe('buildMessage', () => {
  it('text joins its words; every type carries the parties', () => {
    expect(parse(buildMessage('text', ['你好', 'world'], {}, parties))).toMatchObject({
      type: 'text',
      content: '你好 world',
      fromUserName: 'oFan',
      toUserName: 'gh_account',
    });
  });

  it('builds image, voice, video, shortvideo, location and link from their flags', () => {
    expect(parse(buildMessage('image', [], { mediaId: 'M', picUrl: 'http://p' }, parties))).toMatchObject({
      type: 'image',
      mediaId: 'M',
      picUrl: 'http://p',
    });
    expect(parse(buildMessage('voice', [], { mediaId: 'V', format: 'speex' }, parties))).toMatchObject({
      type: 'voice',
      mediaId: 'V',
      format: 'speex',
    });
    expect(parse(buildMessage('video', [], { mediaId: 'V', thumbMediaId: 'T' }, parties))).toMatchObject({
      type: 'video',
      thumbMediaId: 'T',
    });
    expect(parse(buildMessage('shortvideo', [], { mediaId: 'V', thumbMediaId: 'T' }, parties))).toMatchObject(
      { type: 'shortvideo' },
    );
    const location = buildMessage(
      'location',
      [],
      { lat: '23.134521', lng: '-113.358803', scale: '20', label: ' 广州' },
      parties,
    );
    expect(location).toContain(
      '<Location_X>23.134521</Location_X><Location_Y>-113.358803</Location_Y><Scale>20</Scale>',
    );
    expect(location).toContain('<Label><![CDATA[ 广州]]></Label>');
    const link = buildMessage('link', ['https://example.com/a'], { title: 'T', description: 'D' }, parties);
    expect(parse(link)).toMatchObject({
      type: 'link',
      url: 'https://example.com/a',
      title: 'T',
      description: 'D',
    });
  });

  it('refuses missing arguments and flags with the flag to fix', () => {
    expect(() => buildMessage('text', [], {}, parties)).toThrow('send text needs the content');
    expect(() => buildMessage('image', [], {}, parties)).toThrow('--media-id is required for send image');
    expect(() => buildMessage('video', [], { mediaId: 'M' }, parties)).toThrow(
      '--thumb-media-id is required',
    );
    expect(() => buildMessage('location', [], { lat: '91', lng: '0' }, parties)).toThrow(
      '--lat must be a number from -90 to 90, got "91"',
    );
    expect(() => buildMessage('location', [], { lat: '1', lng: '1', scale: '1.5' }, parties)).toThrow(
      '--scale must be an integer',
    );
    expect(() => buildMessage('link', ['https://x'], {}, parties)).toThrow('--title is required');
    expect(() => buildMessage('link', [], { title: 'T' }, parties)).toThrow('send link needs the link');
    expect(() => buildMessage('event', [], {}, parties)).toThrow('send event needs the event name');
  });
});

describe('eventFields', () => {
  it('subscribe carries an optional QR key and ticket; unsubscribe nothing', () => {
    expect(eventFields('subscribe', {})).toEqual({ EventKey: undefined, Ticket: undefined });
    expect(eventFields('subscribe', { key: 'qrscene_123', ticket: 'T' })).toEqual({
      EventKey: 'qrscene_123',
      Ticket: 'T',
    });
    expect(eventFields('unsubscribe', { key: 'ignored' })).toEqual({});
  });

  it('SCAN, CLICK and VIEW need --key; LOCATION needs --lat and --lng', () => {
    expect(() => eventFields('SCAN', {})).toThrow('--key is required for send event SCAN');
    expect(eventFields('SCAN', { key: '123', ticket: 'T' })).toEqual({ EventKey: '123', Ticket: 'T' });
    expect(eventFields('CLICK', { key: 'V1001' })).toEqual({ EventKey: 'V1001' });
    expect(() => eventFields('VIEW', {})).toThrow('--key is required for send event VIEW (the URL)');
    expect(eventFields('VIEW', { key: 'https://x', menuId: '7' })).toEqual({
      EventKey: 'https://x',
      MenuId: '7',
    });
    expect(() => eventFields('LOCATION', { lat: '1' })).toThrow('--lng is required');
    expect(eventFields('LOCATION', { lat: '23.1', lng: '113.3', precision: '119.385040' })).toEqual({
      Latitude: 23.1,
      Longitude: 113.3,
      Precision: 119.38504,
    });
  });

  it('names are case-sensitive as WeChat sends them; unknown events take --key', () => {
    expect(() => eventFields('click', { key: 'x' })).toThrow('WeChat sends "CLICK", not "click"');
    expect(() => eventFields('Subscribe', {})).toThrow('WeChat sends "subscribe"');
    expect(() => eventFields('bad name', {})).toThrow('event name must be letters');
    expect(eventFields('kf_create_session', { key: 'K' })).toMatchObject({ EventKey: 'K' });
  });
});

describe('resolveTarget', () => {
  it('reads keys from the environment in safe mode and defaults the rest', () => {
    expect(resolveTarget({ url: 'http://127.0.0.1:3000/wx', aes: true }, ENV)).toEqual({
      url: 'http://127.0.0.1:3000/wx',
      keys: { token: TOKEN, mode: 'safe', appId: APPID, encodingAESKey: KEY },
      from: DEFAULT_FAN_OPENID,
      to: DEFAULT_ACCOUNT_ID,
      repeat: 1,
      timeoutMs: 5000,
    });
  });

  it('flags win over the environment; plain mode needs only the token', () => {
    const target = resolveTarget(
      { url: 'https://x/wx', token: 'Other1', mode: 'plain', repeat: '3', timeout: '800' },
      {},
    );
    expect(target).toMatchObject({ keys: { token: 'Other1', mode: 'plain' }, repeat: 3, timeoutMs: 800 });
  });

  it('says what to fix: url, token, keys, conflicting modes, bad values', () => {
    expect(() => resolveTarget({}, ENV)).toThrow('--url is required');
    expect(() => resolveTarget({ url: 'nope' }, ENV)).toThrow('--url must be an http(s) URL');
    expect(() => resolveTarget({ url: 'ftp://x/wx' }, ENV)).toThrow(
      '--url must start with http:// or https://',
    );
    expect(() => resolveTarget({ url: 'http://x/wx' }, {})).toThrow(
      '--token is required (or set WECHAT_TOKEN)',
    );
    expect(() => resolveTarget({ url: 'http://x/wx', mode: 'compatible' }, { WECHAT_TOKEN: TOKEN })).toThrow(
      '--appid is required',
    );
    expect(() => resolveTarget({ url: 'http://x/wx', aes: true, mode: 'plain' }, ENV)).toThrow(
      '--aes means --mode safe',
    );
    expect(() => resolveTarget({ url: 'http://x/wx', token: 'a b' }, ENV)).toThrow(
      '--token must be 3-32 letters or digits',
    );
    expect(() => resolveTarget({ url: 'http://x/wx', aesKey: 'short' }, ENV)).toThrow(
      '--aes-key must be exactly 43',
    );
    expect(() => resolveTarget({ url: 'http://x/wx', repeat: '0' }, ENV)).toThrow(
      '--repeat must be an integer from 1 to 100',
    );
    expect(() => resolveTarget({ url: 'http://x/wx' }, { WECHAT_TOKEN: '!' })).toThrow(
      'WECHAT_TOKEN must be',
    );
  });
});

describe('sendPush', () => {
  const target = (
    over: Partial<SendTarget> = {},
    mode: 'plain' | 'compatible' | 'safe' = 'plain',
  ): SendTarget => ({
    ...resolveTarget({ url: 'http://127.0.0.1:3000/wx', mode }, ENV),
    ...over,
  });

  for (const mode of ['plain', 'compatible', 'safe'] as const) {
    it(`${mode} mode: the echo bot's answer is accepted and decoded`, async () => {
      const t = target({}, mode);
      const report = await sendPush(buildMessage('text', ['hi'], {}, t), t, 'text', {
        fetch: fetchTo(echo()),
      });
      expect(report.ok).toBe(true);
      expect(report.mode).toBe(mode);
      expect(report.attempts).toHaveLength(1);
      expect(report.attempts[0]!.status).toBe(200);
      expect(report.attempts[0]!.verdict).toMatchObject({ ok: true, reply: { type: 'text', content: 'hi' } });
      if (mode === 'safe') expect(report.attempts[0]!.body).toContain('<MsgSignature>');
    });
  }

  it('repeats the very same push, like WeChat retrying, and the webhook deduplicates', async () => {
    const calls: string[] = [];
    let handled = 0;
    const echoBot = createEchoBot().middleware();
    const counting: Middleware = (ctx, next) => {
      handled++;
      return echoBot(ctx, next);
    };
    const webhook = createWebhook(counting, { token: TOKEN });
    const t = target({ repeat: 3 });
    const report = await sendPush(buildMessage('text', ['again'], {}, t), t, 'text', {
      fetch: fetchTo(webhook, calls),
    });
    expect(report.ok).toBe(true);
    expect(report.attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(new Set(calls).size).toBe(1);
    expect(handled).toBe(1);
  });

  it('a refused push fails with the status and what the server said', async () => {
    const webhook = createWebhook(createEchoBot(), { token: 'OtherToken' });
    const t = target();
    const report = await sendPush(buildMessage('text', ['hi'], {}, t), t, 'text', {
      fetch: fetchTo(webhook),
    });
    expect(report.ok).toBe(false);
    expect(report.attempts[0]!.verdict).toEqual({
      ok: false,
      reason: 'HTTP status 401 (WeChat needs 200); the server said "invalid signature"',
    });
  });

  it('a timeout or an unreachable server fails with the reason', async () => {
    const timeout: typeof fetch = () =>
      Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    const refused: typeof fetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    const t = target();
    const xml = buildMessage('text', ['hi'], {}, t);
    const slow = await sendPush(xml, t, 'text', { fetch: timeout });
    expect(slow.attempts[0]!.status).toBeUndefined();
    expect(slow.attempts[0]!.verdict.ok).toBe(false);
    expect(reasonOf(slow.attempts[0]!.verdict)).toContain('no answer within 5000 ms');
    const down = await sendPush(xml, t, 'text', { fetch: refused });
    expect(down.attempts[0]!.verdict).toEqual({
      ok: false,
      reason: 'could not reach http://127.0.0.1:3000/wx: ECONNREFUSED',
    });
  });

  it('a server without the AES key: compatible mode still gets a plain answer, safe mode fails with 500', async () => {
    const plainOnly = createWebhook(createEchoBot(), { token: TOKEN });
    const t = target({}, 'compatible');
    // Compatible mode carries the plaintext, so a key-less server can still answer, but only in plain XML.
    const report = await sendPush(buildMessage('event', ['subscribe'], {}, t), t, 'event subscribe', {
      fetch: fetchTo(plainOnly),
    });
    expect(report.attempts[0]!.verdict).toMatchObject({
      ok: true,
      reply: { type: 'text', content: ECHO_WELCOME },
    });
    const safe = target({}, 'safe');
    const refused = await sendPush(buildMessage('text', ['x'], {}, safe), safe, 'text', {
      fetch: fetchTo(plainOnly),
    });
    expect(refused.ok).toBe(false);
    expect(reasonOf(refused.attempts[0]!.verdict)).toContain('HTTP status 500');
  });

  it('keeps an existing query on the URL', async () => {
    const seen: string[] = [];
    const t = target({ url: 'http://127.0.0.1:3000/wx?tenant=a' });
    await sendPush(buildMessage('text', ['hi'], {}, t), t, 'text', {
      fetch: (input: string | URL | Request) => {
        seen.push(urlOf(input));
        return Promise.resolve(new Response('success'));
      },
    });
    expect(seen[0]).toMatch(/^http:\/\/127\.0\.0\.1:3000\/wx\?tenant=a&signature=[0-9a-f]{40}&timestamp=/);
  });
});

describe('reports', () => {
  it('formatReport shows the push, each answer, the reply and the verdict', async () => {
    const t = resolveTarget({ url: 'http://127.0.0.1:3000/wx', aes: true }, ENV);
    const report = await sendPush(buildMessage('text', ['hi'], {}, t), t, 'text', {
      fetch: fetchTo(echo()),
      now: () => 0,
    });
    const text = formatReport(report);
    expect(text.split('\n')).toEqual([
      '→ POST http://127.0.0.1:3000/wx (text, safe mode)',
      '← HTTP 200 in 0 ms: text "hi"',
      '✓ WeChat would accept this answer',
    ]);
    const verbose = formatReport(report, { verbose: true });
    expect(verbose).toContain('  query: ?signature=');
    expect(verbose).toContain('  decrypted:\n    <xml><ToUserName><![CDATA[oWxmpCliFan');
  });

  it('formatReport numbers repeated attempts and ends a failure with what the fan sees', () => {
    const text = formatReport({
      ok: false,
      url: 'http://x/wx',
      label: 'event CLICK',
      mode: 'plain',
      push: { search: '?', query: {}, body: '' },
      attempts: [
        {
          attempt: 1,
          status: 200,
          latencyMs: 3.4,
          body: 'success',
          verdict: { ok: true, reply: { type: 'success' }, xml: 'success' },
        },
        {
          attempt: 2,
          status: undefined,
          latencyMs: 5000,
          body: '',
          verdict: { ok: false, reason: 'no answer within 5000 ms' },
        },
      ],
    });
    expect(text.split('\n')).toEqual([
      '→ POST http://x/wx (event CLICK, plain mode)',
      '← #1 HTTP 200 in 3 ms: success (acknowledged; the fan sees nothing)',
      '← #2 no answer in 5000 ms',
      '✗ #2 WeChat would not accept this answer: no answer within 5000 ms',
      '  (the fan would see "该公众号暂时无法提供服务，请稍后再试")',
    ]);
  });

  it('reportJson is plain data with the decoded reply or the reason', async () => {
    const t = resolveTarget({ url: 'http://127.0.0.1:3000/wx', mode: 'safe' }, ENV);
    const report = await sendPush(buildMessage('text', ['hi'], {}, t), t, 'text', { fetch: fetchTo(echo()) });
    const json = JSON.parse(JSON.stringify(reportJson(report))) as {
      attempts: { decrypted: string; body: string }[];
    };
    expect(json).toMatchObject({ ok: true, type: 'text', mode: 'safe', query: { encrypt_type: 'aes' } });
    expect(json.attempts).toHaveLength(1);
    expect(json.attempts[0]).toMatchObject({
      attempt: 1,
      status: 200,
      ok: true,
      reply: { type: 'text', content: 'hi' },
    });
    expect(json.attempts[0]!.decrypted).toContain('<Content><![CDATA[hi]]>');
    expect(json.attempts[0]!.body).toContain('<Encrypt>');
  });

  it('describeReply names every reply type in one line', () => {
    const replies: [Reply, string][] = [
      [{ type: 'text', content: 'a\nb' }, 'text "a\\nb"'],
      [{ type: 'image', mediaId: 'I' }, 'image (MediaId I)'],
      [{ type: 'voice', mediaId: 'V' }, 'voice (MediaId V)'],
      [{ type: 'video', mediaId: 'V', title: 'T' }, 'video (MediaId V, title "T")'],
      [{ type: 'music', thumbMediaId: 'M', musicUrl: 'http://m' }, 'music (ThumbMediaId M, url "http://m")'],
      [
        { type: 'news', articles: [{ title: 'A', url: 'http://a' }, { title: 'B' }] },
        'news, 2 article(s): "A" → http://a; "B"',
      ],
      [{ type: 'transfer_customer_service', kfAccount: 'kf@x' }, 'transfer to customer service (kf@x)'],
      [{ type: 'transfer_customer_service' }, 'transfer to customer service'],
      [{ type: 'success' }, 'success (acknowledged; the fan sees nothing)'],
      [{ type: 'empty' }, 'empty body (acknowledged; the fan sees nothing)'],
    ];
    for (const [reply, text] of replies) expect(describeReply(reply)).toBe(text);
  });
});
