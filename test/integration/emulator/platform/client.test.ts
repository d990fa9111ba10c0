/**
 * The real API client and the real token manager against the emulator on a loopback port.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type WeChatClient } from '../../../../src/api/client.js';
import { WeChatApiError } from '../../../../src/errors.js';
import { createTokenManager, type TokenManager } from '../../../../src/token/manager.js';
import { addFan, APPID, createPlatform, SECRET, type Platform } from './helpers.js';

let platform: Platform;
let origin: string;
let close: () => Promise<void>;
let manager: TokenManager;
let client: WeChatClient;

async function control(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(`${origin}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return (await res.json()) as Record<string, unknown>;
}
const calls = async (path: string) =>
  ((await control('/__emulator/stats'))['calls'] as Record<string, number>)[path] ?? 0;

beforeEach(async () => {
  platform = createPlatform();
  await new Promise<void>((resolve) => {
    const server = serve(
      { fetch: platform.app.fetch, hostname: '127.0.0.1', port: 0 },
      (info: AddressInfo) => {
        origin = `http://127.0.0.1:${info.port}`;
        close = () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          });
        resolve();
      },
    );
  });
  // The manager shares the emulator's (frozen, test-moved) clock, so lifetimes compare exactly.
  manager = createTokenManager({
    appId: APPID,
    appSecret: SECRET,
    apiBase: origin,
    now: () => platform.state.now(),
  });
  client = createApiClient({
    tokenProvider: manager,
    apiBase: origin,
    appId: APPID,
    appSecret: SECRET,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
});

afterEach(async () => {
  await manager.close();
  await close();
});

const MENU = { button: [{ type: 'click' as const, name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] };

describe('the API client and token manager against the emulator', () => {
  it('calls token.stable through the table, with the grant_type WeChat requires (not 40002)', async () => {
    const answer = await client.call('token.stable', { force_refresh: false });
    expect(answer.access_token).toEqual(expect.any(String));
    expect(answer.expires_in).toBeGreaterThan(0);
  });

  it('creates, reads and deletes the menu with a stable token', async () => {
    await client.menu.create(MENU);
    const got = await client.menu.get();
    expect(got.menu.button).toEqual(MENU.button);
    await client.menu.delete();
    const error = await client.menu.get().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect((error as WeChatApiError).errcode).toBe(46003);
    expect((error as WeChatApiError).rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(await calls('/cgi-bin/stable_token')).toBe(1);
  });

  it('answers 40001 for a token retired by a forced refresh elsewhere; the client refreshes once and succeeds', async () => {
    await client.menu.create(MENU);
    // Another party forces a new stable token: the manager's cached one is retired at once.
    await control('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: APPID,
      secret: SECRET,
      force_refresh: true,
    });
    const got = await client.menu.get();
    expect(got.menu.button).toEqual(MENU.button);
    expect(await calls('/cgi-bin/menu/get')).toBe(2);
    expect(await calls('/cgi-bin/stable_token')).toBe(3);
  });

  it('retries an injected -1 (system busy) on an idempotent endpoint', async () => {
    await client.menu.create(MENU);
    await control('/__emulator/faults', { path: '/cgi-bin/menu/get', errcode: -1, times: 1 });
    expect((await client.menu.get()).menu.button).toEqual(MENU.button);
    expect(await calls('/cgi-bin/menu/get')).toBe(2);
  });

  it('does not retry 45009 (quota exhausted)', async () => {
    await control('/__emulator/faults', { path: '/cgi-bin/menu/get', errcode: 45009, times: 3 });
    const error = await client.menu.get().catch((err: unknown) => err);
    expect((error as WeChatApiError).errcode).toBe(45009);
    expect(await calls('/cgi-bin/menu/get')).toBe(1);
  });

  it('stores the stable token with its remaining lifetime', async () => {
    await manager.getToken();
    await control('/__emulator/clock', { advanceSeconds: 6855 });
    // A second manager (another process, say) gets the same token and only the 345 s it has left.
    const other = createTokenManager({
      appId: APPID,
      appSecret: SECRET,
      apiBase: origin,
      now: () => platform.state.now(),
    });
    try {
      const token = await other.getToken();
      expect(token).toBe(await manager.getToken());
      const peeked = await other.peek();
      expect(peeked?.accessToken).toBe(token);
      expect(peeked!.expiresAt - platform.state.now()).toBe(345_000);
    } finally {
      await other.close();
    }
  });

  it('receives a template msgid beyond 2^53 exactly, matching the MsgID of TEMPLATESENDJOBFINISH', async () => {
    addFan(platform.state, { openid: 'oA' });
    const { msgid } = await client.call('template.send', {
      touser: 'oA',
      template_id: 'wxmp_tpl_booking_reminder',
      data: { thing1: { value: '体检' }, time2: { value: '09:00' } },
    });
    expect(msgid).toMatch(/^\d{19}$/);
    const { message } = await platform.pushed('TEMPLATESENDJOBFINISH');
    expect(message).toMatchObject({ msgId: msgid });
  });

  it('exchanges an OAuth code issued by the fan side', async () => {
    const { issueOAuthCode } = await import('../../../../src/emulator/platform/oauth.js');
    const code = issueOAuthCode(platform.state, {
      openid: 'oA',
      scope: 'snsapi_base',
      appid: APPID,
      redirectUri: 'https://example.com/cb',
    });
    const token = await client.oauth.accessToken(code);
    expect(token).toMatchObject({ openid: 'oA', scope: 'snsapi_base', expires_in: 7200 });
    const again = await client.oauth.accessToken(code).catch((err: unknown) => err);
    expect((again as WeChatApiError).errcode).toBe(40163);
  });
});
