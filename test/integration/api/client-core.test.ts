import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type WeChatClient } from '../../../src/api/client.js';
import { endpoints } from '../../../src/api/endpoints.js';
import { WeChatApiError, WeChatError } from '../../../src/errors.js';
import type { Logger } from '../../../src/logger.js';
import type { fakeTokenProvider } from '../../support/fake-wechat-api.js';
import {
  BIG_ID,
  FAKE_APPID,
  FAKE_SECRET,
  startFakeWithClient,
  type FakeWeChatApi,
} from '../../support/fake-wechat-api.js';

let fake: FakeWeChatApi;
let tokens: ReturnType<typeof fakeTokenProvider>;
let client: WeChatClient;

beforeEach(async () => {
  ({ fake, tokens, client } = await startFakeWithClient());
  await client.menu.create({ button: [{ type: 'click', name: 'Hi', key: 'HI' }] });
  fake.requests.length = 0;
});
afterEach(() => fake.close());

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

describe('token handling', () => {
  it("sends the provider's token as access_token", async () => {
    await client.menu.get();
    expect(fake.calls('menu.get')[0]?.query['access_token']).toBe('TOKEN_1');
  });

  it('on 40001 invalidates exactly the rejected token, fetches a fresh one and retries once', async () => {
    await client.menu.get();
    fake.expireTokens();
    await client.menu.get();
    expect(fake.calls('menu.get').map((r) => r.query['access_token'])).toEqual([
      'TOKEN_1',
      'TOKEN_1',
      'TOKEN_2',
    ]);
    expect(tokens.invalidated).toEqual(['TOKEN_1']);
  });

  it('gives up after a second token error, with the token hint', async () => {
    fake.fail('menu.get', { errcode: 40001 }, 2);
    const err = await rejection(client.menu.get());
    expect(err).toBeInstanceOf(WeChatApiError);
    expect((err as WeChatApiError).errcode).toBe(40001);
    expect(err.message).toContain('one service fetches tokens');
    expect(fake.calls('menu.get')).toHaveLength(2);
  });

  it('retries a non-idempotent send once after 42001, since WeChat did not run it', async () => {
    fake.fail('customService.send', { errcode: 42001 });
    await client.customService.sendText('OPENID_1', 'hi');
    expect(fake.calls('customService.send')).toHaveLength(2);
    expect(tokens.invalidated).toEqual(['TOKEN_1']);
  });

  it('neither fetches nor sends the global token for web-authorization calls', async () => {
    const before = tokens.fetches;
    await client.oauth.accessToken(fake.issueCode('OPENID_1'));
    expect(tokens.fetches).toBe(before);
    expect(fake.calls('oauth.accessToken')[0]?.query).not.toHaveProperty('access_token');
  });
});

describe('busy and network retries', () => {
  it('retries -1 on an idempotent call up to twice', async () => {
    fake.fail('menu.get', { errcode: -1 }, 2);
    await expect(client.menu.get()).resolves.toMatchObject({ menu: { menuid: 208379533 } });
    expect(fake.calls('menu.get')).toHaveLength(3);
  });

  it('reports -1 after three attempts', async () => {
    fake.fail('menu.get', { errcode: -1 }, 3);
    const err = await rejection(client.menu.get());
    expect((err as WeChatApiError).errcode).toBe(-1);
    expect(fake.calls('menu.get')).toHaveLength(3);
  });

  it('does not retry -1 on a send', async () => {
    fake.fail('customService.send', { errcode: -1 });
    await rejection(client.customService.sendText('OPENID_1', 'hi'));
    expect(fake.calls('customService.send')).toHaveLength(1);
  });

  it('retries a timed-out idempotent call, then reports TIMEOUT', async () => {
    const slow = createApiClient({
      apiBase: fake.url,
      tokenProvider: tokens,
      timeoutMs: 50,
      retry: { baseDelayMs: 1 },
    });
    fake.fail('menu.get', { delayMs: 300 }, 3);
    const err = await rejection(slow.menu.get());
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toContain('/cgi-bin/menu/get did not answer within 50 ms');
    expect(fake.calls('menu.get')).toHaveLength(3);
  });

  it('succeeds when a retry after a timeout answers', async () => {
    // The retry must answer within timeoutMs: generous, so a loaded machine cannot turn it into a timeout too.
    const slow = createApiClient({
      apiBase: fake.url,
      tokenProvider: tokens,
      timeoutMs: 1000,
      retry: { baseDelayMs: 1 },
    });
    fake.fail('menu.get', { delayMs: 3000 });
    await expect(slow.menu.get()).resolves.toHaveProperty('menu');
  });

  it('does not retry a timed-out send, which may have gone out', async () => {
    const slow = createApiClient({ apiBase: fake.url, tokenProvider: tokens, timeoutMs: 50 });
    fake.fail('customService.send', { delayMs: 300 });
    const err = await rejection(slow.customService.sendText('OPENID_1', 'hi'));
    expect(err.code).toBe('TIMEOUT');
    expect(fake.calls('customService.send')).toHaveLength(1);
  });

  it('retries a dropped connection on an idempotent call', async () => {
    fake.fail('menu.get', { drop: true });
    await expect(client.menu.get()).resolves.toHaveProperty('menu');
    expect(fake.calls('menu.get')).toHaveLength(2);
  });

  it('reports an HTML gateway error as HTTP_ERROR after the retries', async () => {
    fake.fail('menu.get', { status: 502, body: '<html>Bad Gateway</html>' }, 3);
    const err = await rejection(client.menu.get());
    expect(err.code).toBe('HTTP_ERROR');
    expect(err.message).toContain('answered HTTP 502 with a body that is not JSON');
    expect(fake.calls('menu.get')).toHaveLength(3);
  });
});

describe('errors that are never retried', () => {
  it.each([45009, 45011, 40003, 48001])('%i goes straight to the caller', async (errcode) => {
    fake.fail('menu.get', { errcode });
    const err = await rejection(client.menu.get());
    expect((err as WeChatApiError).errcode).toBe(errcode);
    expect(fake.calls('menu.get')).toHaveLength(1);
  });

  it('45009 says how to reset the quota', async () => {
    fake.fail('menu.get', { errcode: 45009 });
    const err = (await rejection(client.menu.get())) as WeChatApiError;
    expect(err.message).toContain('clear_quota');
    expect(err.endpoint).toBe('/cgi-bin/menu/get');
  });

  it('40164 names the IP to whitelist and carries the rid', async () => {
    fake.fail('menu.get', { errcode: 40164 });
    const err = (await rejection(client.menu.get())) as WeChatApiError;
    expect(err.message).toContain("Add 203.0.113.7 to the account's IP whitelist");
    expect(err.rid).toMatch(/^64dd4ac5-4c1f3d2a-[0-9a-f]{8}$/);
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
    fake.fail('menu.get', { errcode: 40003, errmsg: 'bad request /cgi-bin/menu/get?access_token=TOKEN_1' });
    const err = (await rejection(client.menu.get())) as WeChatApiError;
    expect(err.message).not.toContain('TOKEN_1');
    expect(err.errmsg).toContain('access_token=[redacted]');
  });

  it('redacts the URL of a failing fetch from the error and its cause', async () => {
    // A fetch implementation that puts the URL it was given into its error, as some HTTP clients do.
    const leaky: typeof fetch = (input) =>
      Promise.reject(new Error(`connect failed: ${String(input as string)}`));
    const noLeak = createApiClient({
      apiBase: fake.url,
      tokenProvider: tokens,
      appId: FAKE_APPID,
      appSecret: FAKE_SECRET,
      fetch: leaky,
      retry: { maxRetries: 0 },
    });
    const err = await rejection(noLeak.oauth.accessToken('CODE'));
    expect(err.code).toBe('HTTP_ERROR');
    const text = `${err.message} ${(err.cause as Error).message}`;
    expect(text).toContain('secret=[redacted]');
    expect(text).not.toContain(FAKE_SECRET);
  });

  it('logs endpoint, errcode and timing but never the token', async () => {
    const logger = capturingLogger();
    const logged = createApiClient({
      apiBase: fake.url,
      tokenProvider: tokens,
      logger,
      retry: { baseDelayMs: 1 },
    });
    fake.expireTokens();
    fake.fail('menu.get', { errcode: -1 });
    await logged.menu.get();
    const text = JSON.stringify(logger.lines);
    expect(text).toContain('/cgi-bin/menu/get');
    expect(text).toContain('"errcode":40001');
    expect(text).not.toMatch(/TOKEN_\d/);
    expect(text).not.toContain(FAKE_SECRET);
  });
});

describe('wire format', () => {
  it('keeps 64-bit ids exact, as strings', async () => {
    const { msgid } = await client.template.send({ touser: 'OPENID_1', template_id: 'TPL_1', data: {} });
    expect(msgid).toBe(BIG_ID);
  });

  it('sends 64-bit msg_id to mass/delete as a bare JSON integer', async () => {
    await client.mass.delete(BIG_ID, 2);
    expect(fake.calls('mass.delete')[0]?.body).toBe(`{"msg_id":${BIG_ID},"article_idx":2}`);
  });

  it('sends JSON as real UTF-8 without \\u escapes', async () => {
    await client.draft.add([{ title: '标题', author: '作者', content: '<p>内容</p>', thumb_media_id: 'T' }]);
    const body = fake.calls('draft.add')[0]?.body ?? '';
    expect(body).toContain('"title":"标题"');
    expect(body).not.toContain('\\u');
    expect(fake.calls('draft.add')[0]?.headers['content-type']).toBe('application/json');
  });

  it('call() reaches any endpoint by name and request() by spec', async () => {
    await expect(client.call('menu.tryMatch', { user_id: 'OPENID_1' })).resolves.toHaveProperty('button');
    await expect(client.request(endpoints['misc.callbackIp'])).resolves.toHaveProperty('ip_list');
  });

  it('answers a wrong method like WeChat (43002), which the table prevents', async () => {
    const res = await fetch(`${fake.url}/cgi-bin/menu/create?access_token=TOKEN_1`);
    expect(await res.json()).toMatchObject({ errcode: 43002 });
  });
});
