import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type WeChatClient } from '../../../src/api/client.js';
import { endpoints } from '../../../src/api/endpoints.js';
import { WeChatApiError, WeChatError } from '../../../src/errors.js';
import type { Logger } from '../../../src/logger.js';
import { startEmulatedClient, type RecordingTokenProvider } from '../../support/emulated-client.js';
import { EMULATOR_BASE, type EmulatedWeChat } from '../../support/emulated-wechat.js';
import { startTcpProxy } from '../../support/tcp-proxy.js';

const BIG_ID = '6054768590064713728'; // > 2^53, from the reference vectors
const MENU = { button: [{ type: 'click' as const, name: 'Hi', key: 'HI' }] };
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x80, 0xfe]);

let wechat: EmulatedWeChat;
let tokens: RecordingTokenProvider;
let client: WeChatClient;

beforeEach(async () => {
  ({ wechat, tokens, client } = startEmulatedClient());
  await client.menu.create(MENU);
  wechat.requests.length = 0;
});
afterEach(() => wechat.close());

async function rejection(promise: Promise<unknown>): Promise<WeChatError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WeChatError);
  return err as WeChatError;
}

function capturingLogger(): Logger & { lines: unknown[] } {
  const lines: unknown[] = [];
  const log = (obj: object, msg?: string) => void lines.push({ ...obj, msg });
  return { lines, debug: log, info: log, warn: log, error: log };
}

/** A client on the emulator with its own settings, sharing the recording token provider. */
const clientWith = (options: { timeoutMs?: number; logger?: Logger }) =>
  createApiClient({
    apiBase: EMULATOR_BASE,
    fetch: wechat.fetch,
    tokenProvider: tokens,
    retry: { baseDelayMs: 1 },
    ...options,
  });

describe('token handling', () => {
  it("sends the provider's token as access_token", async () => {
    await client.menu.get();
    expect(wechat.requestsOf('menu.get')[0]?.query['access_token']).toBe(await tokens.getToken());
  });

  it('on 40001 invalidates exactly the rejected token, fetches a fresh one and retries once', async () => {
    await client.menu.get();
    const first = await tokens.getToken();
    await wechat.supersedeClassicTokens();
    await client.menu.get();
    const second = await tokens.getToken();
    expect(second).not.toBe(first);
    const calls = wechat.requestsOf('menu.get');
    expect(calls.map((r) => r.query['access_token'])).toEqual([first, first, second]);
    expect(calls[1]?.answer).toMatchObject({ errcode: 40001 });
    expect(tokens.invalidated).toEqual([first]);
  });

  it('gives up after a second token error, with the token hint', async () => {
    await wechat.fault('menu.get', { errcode: 40001, times: 2 });
    const err = await rejection(client.menu.get());
    expect(err).toBeInstanceOf(WeChatApiError);
    expect((err as WeChatApiError).errcode).toBe(40001);
    expect(err.message).toContain('one service fetches tokens');
    expect(await wechat.calls('menu.get')).toBe(2);
  });

  it('retries a non-idempotent send once after 42001, since WeChat did not run it', async () => {
    await wechat.emulator.fans.text('OPENID_1', 'hello'); // opens the 48-hour customer-service window
    const token = await tokens.getToken();
    await wechat.fault('customService.send', { errcode: 42001, times: 1 });
    await client.customService.sendText('OPENID_1', 'hi');
    expect(await wechat.calls('customService.send')).toBe(2);
    expect(tokens.invalidated).toEqual([token]);
  });

  it('neither fetches nor sends the global token for web-authorization calls', async () => {
    const before = tokens.fetches;
    await client.oauth.accessToken(await wechat.consent('OPENID_1'));
    expect(tokens.fetches).toBe(before);
    expect(wechat.requestsOf('oauth.accessToken')[0]?.query).not.toHaveProperty('access_token');
  });
});

describe('busy and network retries', () => {
  it('retries -1 on an idempotent call up to twice', async () => {
    await wechat.fault('menu.get', { errcode: -1, times: 2 });
    await expect(client.menu.get()).resolves.toMatchObject({ menu: MENU });
    expect(await wechat.calls('menu.get')).toBe(3);
  });

  it('reports -1 after three attempts', async () => {
    await wechat.fault('menu.get', { errcode: -1, times: 3 });
    const err = await rejection(client.menu.get());
    expect((err as WeChatApiError).errcode).toBe(-1);
    expect(await wechat.calls('menu.get')).toBe(3);
  });

  it('does not retry -1 on a send', async () => {
    await wechat.fault('customService.send', { errcode: -1, times: 1 });
    await rejection(client.customService.sendText('OPENID_1', 'hi'));
    expect(await wechat.calls('customService.send')).toBe(1);
  });

  it('retries a timed-out idempotent call, then reports TIMEOUT', async () => {
    const slow = clientWith({ timeoutMs: 50 });
    await wechat.fault('menu.get', { delayMs: 300, times: 3 });
    const err = await rejection(slow.menu.get());
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('/cgi-bin/menu/get did not answer within 50 ms');
    expect(await wechat.calls('menu.get')).toBe(3);
  });

  it('succeeds when a retry after a timeout answers', async () => {
    // The retry must answer within timeoutMs: generous, so a loaded machine cannot turn it into a timeout too.
    const slow = clientWith({ timeoutMs: 1000 });
    await wechat.fault('menu.get', { delayMs: 3000, times: 1 });
    await expect(slow.menu.get()).resolves.toHaveProperty('menu');
  });

  it('does not retry a timed-out send, which may have gone out', async () => {
    const slow = createApiClient({
      apiBase: EMULATOR_BASE,
      fetch: wechat.fetch,
      tokenProvider: tokens,
      timeoutMs: 50,
    });
    await wechat.fault('customService.send', { delayMs: 300, times: 1 });
    const err = await rejection(slow.customService.sendText('OPENID_1', 'hi'));
    expect(err.code).toBe('TIMEOUT');
    expect(await wechat.calls('customService.send')).toBe(1);
  });

  it('retries a dropped connection on an idempotent call', async () => {
    // A reset connection is below HTTP: a TCP pass-through in front of the listening emulator plays it.
    const served = await wechat.listen();
    const gateway = await startTcpProxy(served.url);
    try {
      const viaGateway = createApiClient({
        apiBase: gateway.url,
        tokenProvider: tokens,
        retry: { baseDelayMs: 1 },
      });
      gateway.dropNext(1);
      await expect(viaGateway.menu.get()).resolves.toHaveProperty('menu');
      expect(gateway.dropped).toBe(1);
      expect(await wechat.calls('menu.get')).toBe(1); // the dropped attempt never reached WeChat
    } finally {
      await gateway.cut();
      await served.close();
    }
  });

  it('reports an HTML gateway error as HTTP_ERROR after the retries', async () => {
    await wechat.fault('menu.get', { status: 502, body: '<html>Bad Gateway</html>', times: 3 });
    const err = await rejection(client.menu.get());
    expect(err.code).toBe('HTTP_ERROR');
    expect(err.message).toContain('answered HTTP 502 with a body that is not JSON');
    expect(await wechat.calls('menu.get')).toBe(3);
  });
});

describe('errors that are never retried', () => {
  it.each([45009, 45011, 40003, 48001])('%i goes straight to the caller', async (errcode) => {
    await wechat.fault('menu.get', { errcode, times: 1 });
    const err = await rejection(client.menu.get());
    expect((err as WeChatApiError).errcode).toBe(errcode);
    expect(await wechat.calls('menu.get')).toBe(1);
  });

  it('45009 says how to reset the quota', async () => {
    await wechat.fault('menu.get', { errcode: 45009, times: 1 });
    const err = (await rejection(client.menu.get())) as WeChatApiError;
    expect(err.message).toContain('clear_quota');
    expect(err.endpoint).toBe('/cgi-bin/menu/get');
  });

  it('40164 names the IP to whitelist and carries the rid', async () => {
    // WeChat's text; the emulator has no IP whitelist, so the test injects the answer.
    const errmsg = 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist';
    await wechat.fault('menu.get', { errcode: 40164, errmsg, times: 1 });
    const err = (await rejection(client.menu.get())) as WeChatApiError;
    expect(err.message).toContain("Add 203.0.113.7 to the account's IP whitelist");
    expect(err.rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(wechat.requestsOf('menu.get')[0]?.answer?.['errmsg']).toBe(`${errmsg} rid: ${err.rid}`);
  });

  it('46003 from WeChat says no menu exists', async () => {
    await client.menu.delete();
    const err = (await rejection(client.menu.get())) as WeChatApiError;
    expect(err.errcode).toBe(46003);
    expect(err.hint).toContain('wxmp menu push');
  });
});

describe('secrets stay out of errors and logs', () => {
  it('redacts an access_token echoed in errmsg', async () => {
    const token = await tokens.getToken();
    await wechat.fault('menu.get', {
      errcode: 40003,
      errmsg: `bad request /cgi-bin/menu/get?access_token=${token}`,
      times: 1,
    });
    const err = (await rejection(client.menu.get())) as WeChatApiError;
    expect(err.message).not.toContain(token);
    expect(err.errmsg).toContain('access_token=[redacted]');
  });

  it('redacts the URL of a failing fetch from the error and its cause', async () => {
    // A fetch implementation that puts the URL it was given into its error, as some HTTP clients do.
    const leaky: typeof fetch = (input) =>
      Promise.reject(new Error(`connect failed: ${String(input as string)}`));
    const noLeak = createApiClient({
      apiBase: EMULATOR_BASE,
      tokenProvider: tokens,
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      fetch: leaky,
      retry: { maxRetries: 0 },
    });
    const err = await rejection(noLeak.oauth.accessToken('CODE'));
    expect(err.code).toBe('HTTP_ERROR');
    const text = `${err.message} ${(err.cause as Error).message}`;
    expect(text).toContain('secret=[redacted]');
    expect(text).not.toContain(wechat.appSecret);
  });

  it('logs endpoint, errcode and timing but never the token', async () => {
    const logger = capturingLogger();
    const logged = clientWith({ logger });
    const first = await tokens.getToken();
    await wechat.supersedeClassicTokens();
    await wechat.fault('menu.get', { errcode: -1, times: 1 });
    await logged.menu.get();
    const text = JSON.stringify(logger.lines);
    expect(text).toContain('/cgi-bin/menu/get');
    expect(text).toContain('"errcode":40001');
    for (const token of [first, await tokens.getToken()]) expect(text).not.toContain(token);
    expect(text).not.toContain(wechat.appSecret);
  });
});

describe('wire format', () => {
  it('keeps 64-bit ids exact, as strings', async () => {
    const [template] = (await client.template.list()).template_list;
    const { msgid } = await client.template.send({
      touser: 'OPENID_1',
      template_id: template!.template_id,
      data: {},
    });
    expect(BigInt(msgid) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    // WeChat wrote it as a bare JSON integer; the client hands back the very digits.
    expect(wechat.requestsOf('template.send')[0]?.answerText).toContain(`"msgid":${msgid}`);
  });

  it('sends 64-bit msg_id to mass/delete as a bare JSON integer', async () => {
    // No such job on the emulator (40035), but the request is what this test is about.
    await expect(client.mass.delete(BIG_ID, 2)).rejects.toMatchObject({ errcode: 40035 });
    expect(wechat.requestsOf('mass.delete')[0]?.body).toBe(`{"msg_id":${BIG_ID},"article_idx":2}`);
  });

  it('sends JSON as real UTF-8 without \\u escapes', async () => {
    const { media_id } = await client.material.add('thumb', { data: JPEG, filename: 'thumb.jpg' });
    await client.draft.add([
      { title: '标题', author: '作者', content: '<p>内容</p>', thumb_media_id: media_id },
    ]);
    const [call] = wechat.requestsOf('draft.add');
    expect(call?.body).toContain('"title":"标题"');
    expect(call?.body).not.toContain('\\u');
    expect(call?.headers['content-type']).toBe('application/json');
  });

  it('call() reaches any endpoint by name and request() by spec', async () => {
    await expect(client.call('menu.tryMatch', { user_id: 'OPENID_1' })).resolves.toHaveProperty('button');
    await expect(client.request(endpoints['misc.callbackIp'])).resolves.toHaveProperty('ip_list');
  });

  it('answers a wrong method like WeChat (43002), which the table prevents', async () => {
    const token = await tokens.getToken();
    const res = await wechat.fetch(`${EMULATOR_BASE}/cgi-bin/menu/create?access_token=${token}`);
    expect(await res.json()).toMatchObject({ errcode: 43002 });
  });
});
