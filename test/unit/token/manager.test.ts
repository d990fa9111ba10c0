import { afterEach, describe, expect, it } from 'vitest';
import { WeChatApiError, type WeChatError } from '../../../src/errors.js';
import {
  createTokenManager,
  type TokenManager,
  type TokenManagerOptions,
} from '../../../src/token/manager.js';
import { createMemoryStore } from '../../../src/token/stores/memory.js';
import { FakeTokenPlatform } from '../../support/fake-token-endpoint.js';
import {
  APP_ID,
  APP_SECRET,
  captureLogger,
  Clock,
  deferred,
  flakyStore,
  maxInWindow,
} from '../../support/token-test-kit.js';

const MINUTE = 60_000;
const opened: TokenManager[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((m) => m.close()));
});

function setup(options: Partial<TokenManagerOptions> = {}) {
  const clock = new Clock();
  const platform = new FakeTokenPlatform({ now: clock.now, appId: APP_ID, appSecret: APP_SECRET });
  const logger = captureLogger();
  const manager = createTokenManager({
    appId: APP_ID,
    appSecret: APP_SECRET,
    apiBase: 'https://api.example.test',
    fetch: platform.fetch,
    now: clock.now,
    logger,
    ...options,
  });
  opened.push(manager);
  return { clock, platform, logger, manager };
}

describe('single-flight', () => {
  it('100 concurrent getToken calls on an empty cache make exactly one upstream call', async () => {
    const { manager, platform } = setup();
    const tokens = await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(platform.calls).toHaveLength(1);
  });

  it('100 concurrent getToken calls on an expired token make exactly one upstream call', async () => {
    const { manager, platform, clock } = setup({ mode: 'classic' });
    const first = await manager.getToken();
    clock.advance(7200_000);
    const tokens = await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first);
    expect(platform.calls).toHaveLength(2);
  });

  it('two managers sharing one store (its lock) make one upstream call between them', async () => {
    const clock = new Clock();
    const platform = new FakeTokenPlatform({ now: clock.now, appId: APP_ID, appSecret: APP_SECRET });
    const gate = deferred();
    const slowFetch: typeof fetch = async (input, init) => {
      await gate.promise;
      return platform.fetch(input, init);
    };
    const store = createMemoryStore({ now: clock.now });
    const common = { appId: APP_ID, appSecret: APP_SECRET, fetch: slowFetch, now: clock.now, store };
    const a = createTokenManager(common);
    const b = createTokenManager(common);
    opened.push(a, b);
    const pendingA = Promise.all(Array.from({ length: 10 }, () => a.getToken()));
    const pendingB = Promise.all(Array.from({ length: 10 }, () => b.getToken()));
    // Let both reach the lock (one holds it, the other polls the store) before WeChat answers.
    await new Promise((resolve) => setTimeout(resolve, 30));
    gate.resolve();
    const tokens = [...(await pendingA), ...(await pendingB)];
    expect(new Set(tokens).size).toBe(1);
    expect(platform.calls).toHaveLength(1);
  });
});

describe('requests', () => {
  it('stable mode POSTs JSON {grant_type, appid, secret, force_refresh:false} to /cgi-bin/stable_token', async () => {
    const seen: { url: string; method: string; body: unknown }[] = [];
    const platform = new FakeTokenPlatform({ appId: APP_ID, appSecret: APP_SECRET });
    const manager = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      apiBase: 'https://api.example.test/',
      fetch: async (input, init) => {
        seen.push({
          url: input instanceof Request ? input.url : input.toString(),
          method: init?.method ?? 'GET',
          body: JSON.parse(init?.body as string) as unknown,
        });
        return platform.fetch(input, init);
      },
    });
    opened.push(manager);
    expect(await manager.getToken()).toMatch(/^STABLE-/);
    expect(seen).toEqual([
      {
        url: 'https://api.example.test/cgi-bin/stable_token',
        method: 'POST',
        body: { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET, force_refresh: false },
      },
    ]);
  });

  it('classic mode GETs /cgi-bin/token with grant_type, appid and secret in the query', async () => {
    const urls: string[] = [];
    const platform = new FakeTokenPlatform({ appId: APP_ID, appSecret: APP_SECRET });
    const manager = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      mode: 'classic',
      fetch: async (input, init) => {
        urls.push(input instanceof Request ? input.url : input.toString());
        return platform.fetch(input, init);
      },
    });
    opened.push(manager);
    expect(await manager.getToken()).toMatch(/^CLASSIC-/);
    const url = new URL(urls[0]!);
    expect(`${url.origin}${url.pathname}`).toBe('https://api.weixin.qq.com/cgi-bin/token');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: APP_SECRET,
    });
  });

  it('peek reports the cached token and its expiry without calling WeChat', async () => {
    const { manager, platform, clock } = setup();
    expect(await manager.peek()).toBeUndefined();
    const token = await manager.getToken();
    expect(await manager.peek()).toEqual({ accessToken: token, expiresAt: clock.t + 7200_000 });
    expect(platform.calls).toHaveLength(1);
  });
});

describe('refresh ahead of expiry', () => {
  it('with less than 5 minutes left, callers get the cached token at once while a refresh runs in the background', async () => {
    const clock = new Clock();
    const platform = new FakeTokenPlatform({ now: clock.now, appId: APP_ID, appSecret: APP_SECRET });
    const parked: { gate?: ReturnType<typeof deferred> } = {};
    const manager = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      now: clock.now,
      fetch: async (input, init) => {
        await parked.gate?.promise;
        return platform.fetch(input, init);
      },
    });
    opened.push(manager);
    const first = await manager.getToken();
    clock.advance(7200_000 - 4 * MINUTE);
    const gate = deferred(); // WeChat will not answer until released
    parked.gate = gate;
    // Resolves although the upstream request is parked: warm-cache callers never wait for a refresh.
    expect(await manager.getToken()).toBe(first);
    expect(await manager.getToken()).toBe(first);
    gate.resolve();
    const second = await manager.refresh(); // joins the background refresh (single-flight)
    expect(second).not.toBe(first);
    expect(await manager.getToken()).toBe(second);
    expect(platform.count('stable_token')).toBe(2);
  });

  it('with more than refreshAheadMs left, no refresh starts', async () => {
    const { manager, platform, clock } = setup({ refreshAheadMs: 10 * MINUTE });
    await manager.getToken();
    clock.advance(7200_000 - 11 * MINUTE);
    await manager.getToken();
    await manager.refresh();
    expect(platform.calls).toHaveLength(1);
  });

  it('a token WeChat handed out moments ago is not refreshed again, even inside the refresh-ahead window', async () => {
    const { manager, platform, clock } = setup({ refreshAheadMs: 10 * MINUTE });
    await manager.getToken();
    // stable_token keeps its token until 5 minutes are left, so a call now returns the same one with ~9 min left.
    clock.advance(7200_000 - 9 * MINUTE);
    await manager.getToken();
    await manager.refresh();
    expect(platform.calls).toHaveLength(2);
    clock.advance(1000);
    await manager.getToken();
    await manager.refresh();
    expect(platform.calls).toHaveLength(2);
  });
});

describe('invalidate', () => {
  it('removes only that exact token: a stale invalidate leaves a fresh token in place', async () => {
    const { manager, platform } = setup({ mode: 'classic' });
    const stale = await manager.getToken();
    const fresh = await manager.refresh({ force: true });
    expect(fresh).not.toBe(stale);
    await manager.invalidate(stale);
    expect(await manager.getToken()).toBe(fresh);
    expect(platform.calls).toHaveLength(2);
  });

  it('removes the current token, so the next getToken fetches a new one', async () => {
    const { manager, platform } = setup({ mode: 'classic' });
    const current = await manager.getToken();
    await manager.invalidate(current);
    const next = await manager.getToken();
    expect(next).not.toBe(current);
    expect(platform.calls).toHaveLength(2);
  });
});

describe('force_refresh', () => {
  it('is sent only after an invalid-token error, and at most once per 30 s', async () => {
    const { manager, platform, clock } = setup();
    const forced = () => platform.calls.filter((c) => c.force === true);

    const t1 = await manager.getToken();
    expect(forced()).toHaveLength(0);

    // WeChat rejects t1 but stable_token still hands it out: only force_refresh gets a new one.
    platform.revoke(t1);
    await manager.invalidate(t1);
    const t2 = await manager.getToken();
    expect(t2).not.toBe(t1);
    expect(forced()).toHaveLength(1);

    clock.advance(10_000);
    platform.revoke(t2);
    await manager.invalidate(t2);
    expect(await manager.getToken()).toBe(t2); // within 30 s: no second force
    expect(forced()).toHaveLength(1);

    clock.advance(21_000);
    await manager.invalidate(t2);
    const t3 = await manager.getToken();
    expect(t3).not.toBe(t2);
    expect(forced()).toHaveLength(2);
    const [a, b] = forced();
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(30_000);
  });

  it('is not sent when invalidating a token that was already replaced', async () => {
    const { manager, platform } = setup();
    const current = await manager.getToken();
    await manager.invalidate('SOME-OLD-TOKEN');
    expect(await manager.getToken()).toBe(current);
    expect(platform.calls.map((c) => c.force)).toEqual([false]);
  });

  it('refresh({force:true}) asks for force_refresh at most once per 30 s', async () => {
    const { manager, platform, clock } = setup();
    await manager.getToken();
    await manager.refresh({ force: true });
    clock.advance(5_000);
    await manager.refresh({ force: true });
    expect(platform.calls.map((c) => c.force)).toEqual([false, true, false]);
    clock.advance(30_000);
    await manager.refresh({ force: true });
    expect(platform.calls.map((c) => c.force)).toEqual([false, true, false, true]);
  });
});

describe('upstream cap', () => {
  it('an invalidation storm makes at most 10 upstream calls a minute', async () => {
    const { manager, platform, clock } = setup({ mode: 'classic' });
    let capped = 0;
    for (let i = 0; i < 150; i++) {
      try {
        await manager.invalidate(await manager.getToken());
      } catch (err) {
        expect((err as WeChatError).code).toBe('RATE_LIMITED');
        capped++;
      }
      clock.advance(1000);
    }
    const times = platform.calls.map((c) => c.at);
    expect(maxInWindow(times, MINUTE)).toBe(10);
    expect(platform.calls.length).toBeGreaterThanOrEqual(20); // the cap lifts as the window slides
    expect(capped).toBeGreaterThan(0);
  });

  it('honours maxUpstreamCallsPerMinute', async () => {
    const { manager, platform } = setup({ mode: 'classic', maxUpstreamCallsPerMinute: 3 });
    for (let i = 0; i < 10; i++)
      await manager.getToken().then(
        (t) => manager.invalidate(t),
        () => {},
      );
    await expect(manager.getToken()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(platform.calls).toHaveLength(3);
  });
});

describe('faults', () => {
  it('while the store is down the cached token is served without calling WeChat', async () => {
    const clock = new Clock();
    const platform = new FakeTokenPlatform({ now: clock.now, appId: APP_ID, appSecret: APP_SECRET });
    const store = flakyStore(createMemoryStore({ now: clock.now }));
    const logger = captureLogger();
    const manager = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      fetch: platform.fetch,
      now: clock.now,
      store,
      logger,
    });
    opened.push(manager);
    const token = await manager.getToken();
    store.down = true;
    clock.advance(60 * MINUTE);
    for (let i = 0; i < 50; i++) expect(await manager.getToken()).toBe(token);
    expect(platform.calls).toHaveLength(1);
    expect(logger.lines.filter((l) => l.includes('token store unavailable'))).toHaveLength(1);
  });

  it('with the store and WeChat both failing, the cached token is served until it really expires', async () => {
    const clock = new Clock();
    const platform = new FakeTokenPlatform({ now: clock.now, appId: APP_ID, appSecret: APP_SECRET });
    const store = flakyStore(createMemoryStore({ now: clock.now }));
    const manager = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      fetch: platform.fetch,
      now: clock.now,
      store,
    });
    opened.push(manager);
    const token = await manager.getToken();
    store.down = true;
    platform.failNext(-1, 'system error', { times: 1000 });
    clock.advance(7200_000 - 4 * MINUTE); // inside the refresh-ahead window
    for (let i = 0; i < 4 * 60; i++) {
      expect(await manager.getToken()).toBe(token);
      await manager.refresh().catch(() => {});
      clock.advance(1000 - 1);
    }
    clock.t = (await manager.peek())!.expiresAt;
    await expect(manager.getToken()).rejects.toMatchObject({ errcode: -1 });
    // Backoff and the cap kept the failing refreshes far below one per call.
    expect(
      maxInWindow(
        platform.calls.map((c) => c.at),
        MINUTE,
      ),
    ).toBeLessThanOrEqual(10);
  });

  it('with the store down, an invalidation storm still makes at most 10 upstream calls a minute', async () => {
    const clock = new Clock();
    const platform = new FakeTokenPlatform({ now: clock.now, appId: APP_ID, appSecret: APP_SECRET });
    const store = flakyStore(createMemoryStore({ now: clock.now }));
    store.down = true;
    const manager = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      mode: 'classic',
      fetch: platform.fetch,
      now: clock.now,
      store,
    });
    opened.push(manager);
    for (let i = 0; i < 180; i++) {
      await manager.getToken().then(
        (t) => manager.invalidate(t),
        () => {},
      );
      clock.advance(1000);
    }
    expect(
      maxInWindow(
        platform.calls.map((c) => c.at),
        MINUTE,
      ),
    ).toBe(10);
  });

  it('after an upstream failure, callers get the error at once and WeChat is not asked again until the backoff ends', async () => {
    const { manager, platform, clock } = setup();
    platform.failNext(-1, 'system error rid: 1-2-3', { times: 2 });
    await expect(manager.getToken()).rejects.toMatchObject({ errcode: -1 });
    await expect(manager.getToken()).rejects.toMatchObject({ errcode: -1 });
    expect(platform.calls).toHaveLength(1);
    clock.advance(1000); // the first backoff is at most 1 s
    await expect(manager.getToken()).rejects.toMatchObject({ errcode: -1 });
    expect(platform.calls).toHaveLength(2);
    clock.advance(2000);
    expect(await manager.getToken()).toMatch(/^STABLE-/);
    expect(platform.calls).toHaveLength(3);
  });

  it('a request that outlives timeoutMs fails with TIMEOUT', async () => {
    const manager = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      timeoutMs: 20,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)),
        ),
    });
    opened.push(manager);
    await expect(manager.getToken()).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('an API base that is not a URL fails without quoting the secret from the classic query string', async () => {
    const manager = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      mode: 'classic',
      apiBase: 'not a url',
    });
    opened.push(manager);
    const err = (await manager.getToken().catch((e: unknown) => e)) as WeChatError;
    expect(err.code).toBe('HTTP_ERROR');
    expect(`${err.message} ${String((err.cause as Error).message)}`).not.toContain(APP_SECRET);
  });

  it('an unreachable API base fails with HTTP_ERROR naming WECHAT_API_BASE', async () => {
    const manager = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      fetch: () =>
        Promise.reject(
          new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
        ),
    });
    opened.push(manager);
    const err = (await manager.getToken().catch((e: unknown) => e)) as WeChatError;
    expect(err.code).toBe('HTTP_ERROR');
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).toContain('WECHAT_API_BASE');
  });
});

describe('errors', () => {
  async function failWith(errcode: number, errmsg: string, mode: 'stable' | 'classic' = 'stable') {
    const { manager, platform, logger } = setup({ mode });
    platform.failNext(errcode, errmsg);
    const err = (await manager.getToken().catch((e: unknown) => e)) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.errcode).toBe(errcode);
    expect(err.message).not.toContain(APP_SECRET);
    expect(logger.lines.join('\n')).not.toContain(APP_SECRET);
    return err;
  }

  it('40164 names the caller IP from errmsg and says to add it to the IP whitelist', async () => {
    const err = await failWith(
      40164,
      'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 6491-xyz',
    );
    expect(err.hint).toContain('Add 203.0.113.7 to the IP whitelist');
    expect(err.rid).toBe('6491-xyz');
  });

  it('40013 says to check WECHAT_APPID; 40125 says to check WECHAT_APPSECRET', async () => {
    expect((await failWith(40013, 'invalid appid')).hint).toContain('WECHAT_APPID');
    expect((await failWith(40125, 'invalid appsecret', 'classic')).hint).toContain('WECHAT_APPSECRET');
  });

  it('a wrong AppSecret, as WeChat answers it, never puts the secret in the error or the logs', async () => {
    const clock = new Clock();
    const platform = new FakeTokenPlatform({
      now: clock.now,
      appId: APP_ID,
      appSecret: 'ffffffffffffffffffffffffffffffff',
    });
    const logger = captureLogger();
    const manager = createTokenManager({
      appId: APP_ID,
      appSecret: APP_SECRET,
      mode: 'classic',
      fetch: platform.fetch,
      logger,
    });
    opened.push(manager);
    const err = (await manager.getToken().catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(40125);
    expect(`${err.message} ${err.stack}`).not.toContain(APP_SECRET);
    expect(logger.lines.join('\n')).not.toContain(APP_SECRET);
  });

  it('45009 explains the daily quota and clear_quota', async () => {
    const err = await failWith(45009, 'reach max api daily quota limit');
    expect(err.hint).toContain('daily quota');
    expect(err.hint).toContain('clear_quota');
  });

  it('tokens never appear in log lines', async () => {
    const { manager, logger } = setup({ mode: 'classic' });
    const token = await manager.getToken();
    await manager.invalidate(token);
    const next = await manager.getToken();
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.join('\n')).not.toContain(token);
    expect(logger.lines.join('\n')).not.toContain(next);
  });
});
