import { afterEach, describe, expect, it } from 'vitest';
import { WeChatApiError, type WeChatError } from '../../../src/errors.js';
import {
  createTokenManager,
  type TokenManager,
  type TokenManagerOptions,
} from '../../../src/token/manager.js';
import { createMemoryStore } from '../../../src/token/stores/memory.js';
import {
  createEmulatedWeChat,
  EMULATOR_BASE,
  type EmulatedWeChat,
  type RecordedRequest,
} from '../../support/emulated-wechat.js';
import {
  APP_ID,
  APP_SECRET,
  captureLogger,
  deferred,
  flakyStore,
  maxInWindow,
  readOnlyStore,
} from '../../support/token-test-kit.js';

const MINUTE = 60_000;
const START = 1_700_000_000_000;
/** The shape of WeChat's request ids. */
const RID = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;
const opened: TokenManager[] = [];
const worlds: EmulatedWeChat[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((m) => m.close()));
  await Promise.all(worlds.splice(0).map((w) => w.close()));
});

/** The emulator, in-process, on a clock that moves only when the test moves it. */
function emulated(options: Parameters<typeof createEmulatedWeChat>[0] = {}): EmulatedWeChat {
  const wechat = createEmulatedWeChat({ frozenAt: START, ...options });
  worlds.push(wechat);
  return wechat;
}

/** The calls that reached /cgi-bin/token and /cgi-bin/stable_token, as the emulator saw them. */
const tokenCalls = (wechat: EmulatedWeChat): RecordedRequest[] =>
  wechat.requests.filter((r) => r.name === 'token.get' || r.name === 'token.stable');
/** The force_refresh flag of each stable_token call. */
const forceFlags = (wechat: EmulatedWeChat) =>
  wechat.requestsOf('token.stable').map((r) => r.json['force_refresh']);
/** The access_token of the last successful token answer. */
const lastIssued = (wechat: EmulatedWeChat) =>
  tokenCalls(wechat).findLast((r) => r.answer?.['access_token'] !== undefined)?.answer?.['access_token'];

/** A fetch in front of the emulator that can hold calls back until `parked.gate` resolves. */
function parkable(wechat: EmulatedWeChat) {
  const parked: { gate?: ReturnType<typeof deferred> } = {};
  const fetch: typeof globalThis.fetch = async (input, init) => {
    await parked.gate?.promise;
    return wechat.fetch(input, init);
  };
  return { fetch, parked };
}

/** A manager on the emulator (`wechat`, a fresh one by default), behind a fetch that can hold calls back. */
function setup(options: Partial<TokenManagerOptions> = {}, wechat = emulated()) {
  const recorder = parkable(wechat);
  const logger = captureLogger();
  const manager = createTokenManager({
    appId: wechat.appId,
    appSecret: wechat.appSecret,
    apiBase: EMULATOR_BASE,
    fetch: recorder.fetch,
    now: wechat.clock.now,
    logger,
    ...options,
  });
  opened.push(manager);
  return { clock: wechat.clock, wechat, recorder, logger, manager };
}

describe('single-flight', () => {
  it('100 concurrent getToken calls on an empty cache make exactly one upstream call', async () => {
    const { manager, wechat } = setup();
    const tokens = await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(await wechat.calls('token.stable')).toBe(1);
  });

  it('100 concurrent getToken calls on an expired token make exactly one upstream call', async () => {
    const { manager, wechat, clock } = setup({ mode: 'classic' });
    const first = await manager.getToken();
    clock.advance(7200_000);
    const tokens = await Promise.all(Array.from({ length: 100 }, () => manager.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first);
    expect(await wechat.calls('token.get')).toBe(2);
  });

  it('two managers sharing one store (its lock) make one upstream call between them', async () => {
    const wechat = emulated();
    const { clock } = wechat;
    const gate = deferred();
    const slowFetch: typeof fetch = async (input, init) => {
      await gate.promise;
      return wechat.fetch(input, init);
    };
    const store = createMemoryStore({ now: clock.now });
    const common = {
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      fetch: slowFetch,
      now: clock.now,
      store,
    };
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
    expect(await wechat.calls('token.stable')).toBe(1);
  });
});

describe('requests', () => {
  it('stable mode POSTs JSON {grant_type, appid, secret, force_refresh:false} to /cgi-bin/stable_token', async () => {
    const seen: { url: string; method: string; body: unknown }[] = [];
    const wechat = emulated();
    const manager = createTokenManager({
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      apiBase: 'https://api.example.test/',
      fetch: async (input, init) => {
        seen.push({
          url: input instanceof Request ? input.url : input.toString(),
          method: init?.method ?? 'GET',
          body: JSON.parse(init?.body as string) as unknown,
        });
        return wechat.fetch(input, init);
      },
    });
    opened.push(manager);
    expect(await manager.getToken()).toBe(wechat.requestsOf('token.stable')[0]?.answer?.['access_token']);
    expect(seen).toEqual([
      {
        url: 'https://api.example.test/cgi-bin/stable_token',
        method: 'POST',
        body: {
          grant_type: 'client_credential',
          appid: wechat.appId,
          secret: wechat.appSecret,
          force_refresh: false,
        },
      },
    ]);
  });

  it('classic mode GETs /cgi-bin/token with grant_type, appid and secret in the query', async () => {
    const urls: string[] = [];
    const wechat = emulated();
    const manager = createTokenManager({
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      mode: 'classic',
      fetch: async (input, init) => {
        urls.push(input instanceof Request ? input.url : input.toString());
        return wechat.fetch(input, init);
      },
    });
    opened.push(manager);
    expect(await manager.getToken()).toBe(wechat.requestsOf('token.get')[0]?.answer?.['access_token']);
    const url = new URL(urls[0]!);
    expect(`${url.origin}${url.pathname}`).toBe('https://api.weixin.qq.com/cgi-bin/token');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      grant_type: 'client_credential',
      appid: wechat.appId,
      secret: wechat.appSecret,
    });
  });

  it('peek reports the cached token and its expiry without calling WeChat', async () => {
    const { manager, wechat, clock } = setup();
    expect(await manager.peek()).toBeUndefined();
    const token = await manager.getToken();
    expect(await manager.peek()).toEqual({ accessToken: token, expiresAt: clock.t + 7200_000 });
    expect(await wechat.calls('token.stable')).toBe(1);
  });
});

describe('refresh ahead of expiry', () => {
  it('with less than 5 minutes left, callers get the cached token at once while a refresh runs in the background', async () => {
    const { manager, wechat, clock, recorder } = setup();
    const first = await manager.getToken();
    clock.advance(7200_000 - 4 * MINUTE);
    const gate = deferred(); // WeChat will not answer until released
    recorder.parked.gate = gate;
    // Resolves although the upstream request is parked: warm-cache callers never wait for a refresh.
    expect(await manager.getToken()).toBe(first);
    expect(await manager.getToken()).toBe(first);
    gate.resolve();
    const second = await manager.refresh(); // joins the background refresh (single-flight)
    expect(second).not.toBe(first);
    expect(await manager.getToken()).toBe(second);
    expect(await wechat.calls('token.stable')).toBe(2);
  });

  it('with more than refreshAheadMs left, no refresh starts', async () => {
    const { manager, wechat, clock } = setup({ refreshAheadMs: 10 * MINUTE });
    await manager.getToken();
    clock.advance(7200_000 - 11 * MINUTE);
    await manager.getToken();
    await manager.close(); // waits for a background refresh, had one started
    expect(await wechat.calls('token.stable')).toBe(1);
  });

  it('a token WeChat handed out moments ago is not refreshed again, even inside the refresh-ahead window', async () => {
    const { manager, wechat, clock } = setup({ refreshAheadMs: 10 * MINUTE });
    await manager.getToken();
    // stable_token keeps its token until 5 minutes are left, so a call now returns the same one with ~9 min left.
    clock.advance(7200_000 - 9 * MINUTE);
    await manager.getToken();
    await manager.refresh();
    expect(await wechat.calls('token.stable')).toBe(2);
    clock.advance(1000);
    await manager.getToken();
    await manager.refresh();
    expect(await wechat.calls('token.stable')).toBe(2);
  });
});

describe('explicit refresh', () => {
  it('refresh() calls WeChat although the cached token has an hour left (classic: a new token)', async () => {
    const { manager, wechat, clock } = setup({ mode: 'classic' });
    const t1 = await manager.getToken();
    clock.advance(60 * MINUTE);
    const t2 = await manager.refresh();
    expect(t2).not.toBe(t1);
    expect(await wechat.calls('token.get')).toBe(2);
    expect(await manager.getToken()).toBe(t2);
  });

  it('refresh() in stable mode makes a plain call; concurrent refresh() calls share it', async () => {
    const { manager, clock, wechat } = setup();
    await manager.getToken();
    clock.advance(60 * MINUTE);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => manager.refresh()));
    expect(new Set(tokens).size).toBe(1);
    expect(forceFlags(wechat)).toEqual([false, false]);
  });

  it('refresh() on two managers sharing a store (its lock) makes one upstream call between them', async () => {
    const wechat = emulated();
    const { clock } = wechat;
    const store = createMemoryStore({ now: clock.now });
    const common = {
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      mode: 'classic' as const,
      fetch: wechat.fetch,
    };
    const a = createTokenManager({ ...common, now: clock.now, store });
    const b = createTokenManager({ ...common, now: clock.now, store });
    opened.push(a, b);
    const t1 = await a.getToken();
    clock.advance(60 * MINUTE);
    const [fromA, fromB] = await Promise.all([a.refresh(), b.refresh()]);
    expect(fromA).not.toBe(t1);
    expect(fromB).toBe(fromA);
    expect(await wechat.calls('token.get')).toBe(2);
  });

  it('refresh({force:true}) during a background refresh does not join it: it sends force_refresh after it', async () => {
    const { manager, clock, recorder, wechat } = setup();
    const t1 = await manager.getToken();
    clock.advance(7200_000 - 4 * MINUTE); // inside the refresh-ahead window
    const gate = deferred();
    recorder.parked.gate = gate;
    expect(await manager.getToken()).toBe(t1); // starts the background refresh, parked at WeChat
    const forced = [manager.refresh({ force: true }), manager.refresh({ force: true })];
    const plain = manager.refresh(); // joins the forced refresh queued behind the background one
    gate.resolve();
    const [f1, f2] = await Promise.all(forced);
    expect(f1).toBe(f2);
    expect(await plain).toBe(f1);
    expect(forceFlags(wechat)).toEqual([false, false, true]);
    expect(f1).not.toBe(t1);
    expect(await manager.getToken()).toBe(f1);
  });
});

describe('a store that answers reads but refuses writes', () => {
  it('one upstream call serves every getToken; invalidate still forces a new token', async () => {
    const wechat = emulated();
    const { clock } = wechat;
    const inner = createMemoryStore({ now: clock.now });
    const store = readOnlyStore(inner);
    const { manager, logger } = setup({ mode: 'classic', store }, wechat);
    const token = await manager.getToken();
    // One getToken() a second for two minutes, several at once each time.
    for (let i = 0; i < 120; i++) {
      clock.advance(1000);
      const tokens = await Promise.all(Array.from({ length: 5 }, () => manager.getToken()));
      expect(new Set(tokens)).toEqual(new Set([token]));
    }
    expect(await wechat.calls('token.get')).toBe(1);
    // The write is retried, about once a second rather than once per call.
    expect(store.writes).toBeGreaterThan(100);
    expect(store.writes).toBeLessThanOrEqual(121);
    const refused = () => logger.lines.filter((l) => l.includes('token store refused the write'));
    expect(refused()).toHaveLength(1);
    expect(await manager.peek()).toMatchObject({ accessToken: token });

    await manager.invalidate(token);
    const next = await manager.getToken();
    expect(next).not.toBe(token);
    expect(await wechat.calls('token.get')).toBe(2);
    expect(await manager.getToken()).toBe(next);
    expect(refused()).toHaveLength(1); // still the same streak

    // Writes work again: the next retry stores the token and the recovery is logged once.
    store.writable = true;
    clock.advance(1000);
    expect(await manager.getToken()).toBe(next);
    expect((await inner.get(`${wechat.appId}:access_token`))?.value).toBe(next);
    clock.advance(1000);
    expect(await manager.getToken()).toBe(next);
    expect(logger.lines.filter((l) => l.includes('token store accepts writes again'))).toHaveLength(1);
    expect(await wechat.calls('token.get')).toBe(2);
  });

  it('the unstored token is refreshed ahead of expiry like a stored one', async () => {
    const wechat = emulated();
    const { clock } = wechat;
    const store = readOnlyStore(createMemoryStore({ now: clock.now }));
    const { manager } = setup({ mode: 'classic', store }, wechat);
    const t1 = await manager.getToken();
    clock.advance(7200_000 - 4 * MINUTE);
    expect(await manager.getToken()).toBe(t1); // starts the background refresh
    await manager.refresh(); // joins it
    const t2 = await manager.getToken();
    expect(t2).not.toBe(t1);
    clock.advance(MINUTE);
    expect(await manager.getToken()).toBe(t2);
    expect(await wechat.calls('token.get')).toBe(2);
  });
});

describe('invalidate', () => {
  it('removes only that exact token: a stale invalidate leaves a fresh token in place', async () => {
    const { manager, wechat } = setup({ mode: 'classic' });
    const stale = await manager.getToken();
    const fresh = await manager.refresh({ force: true });
    expect(fresh).not.toBe(stale);
    await manager.invalidate(stale);
    expect(await manager.getToken()).toBe(fresh);
    expect(await wechat.calls('token.get')).toBe(2);
  });

  it('removes the current token, so the next getToken fetches a new one', async () => {
    const { manager, wechat } = setup({ mode: 'classic' });
    const current = await manager.getToken();
    await manager.invalidate(current);
    const next = await manager.getToken();
    expect(next).not.toBe(current);
    expect(await wechat.calls('token.get')).toBe(2);
  });
});

describe('force_refresh', () => {
  it('is sent only after an invalid-token error, and at most once per 30 s', async () => {
    const { manager, wechat, clock } = setup();
    const forced = () => wechat.requestsOf('token.stable').filter((c) => c.json['force_refresh'] === true);

    const t1 = await manager.getToken();
    expect(forced()).toHaveLength(0);

    // An API call got 40001 with t1, while stable_token still hands t1 out: only force_refresh gets a new one.
    await manager.invalidate(t1);
    const t2 = await manager.getToken();
    expect(t2).not.toBe(t1);
    expect(forced()).toHaveLength(1);

    clock.advance(10_000);
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
    const { manager, wechat } = setup();
    const current = await manager.getToken();
    await manager.invalidate('SOME-OLD-TOKEN');
    expect(await manager.getToken()).toBe(current);
    expect(forceFlags(wechat)).toEqual([false]);
  });

  it('refresh({force:true}) asks for force_refresh at most once per 30 s', async () => {
    const { manager, wechat, clock } = setup();
    await manager.getToken();
    await manager.refresh({ force: true });
    clock.advance(5_000);
    await manager.refresh({ force: true });
    expect(forceFlags(wechat)).toEqual([false, true, false]);
    clock.advance(30_000);
    await manager.refresh({ force: true });
    expect(forceFlags(wechat)).toEqual([false, true, false, true]);
  });
});

describe('upstream cap', () => {
  it('an invalidation storm makes at most 10 upstream calls a minute', async () => {
    const { manager, wechat, clock } = setup({ mode: 'classic' });
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
    const times = tokenCalls(wechat).map((c) => c.at);
    expect(maxInWindow(times, MINUTE)).toBe(10);
    expect(times.length).toBeGreaterThanOrEqual(20); // the cap lifts as the window slides
    expect(capped).toBeGreaterThan(0);
  });

  it('honours maxUpstreamCallsPerMinute', async () => {
    const { manager, wechat } = setup({ mode: 'classic', maxUpstreamCallsPerMinute: 3 });
    for (let i = 0; i < 10; i++)
      await manager.getToken().then(
        (t) => manager.invalidate(t),
        () => {},
      );
    await expect(manager.getToken()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await wechat.calls('token.get')).toBe(3);
  });
});

describe('faults', () => {
  it('while the store is down the cached token is served without calling WeChat', async () => {
    const wechat = emulated();
    const { clock } = wechat;
    const store = flakyStore(createMemoryStore({ now: clock.now }));
    const { manager, logger } = setup({ store }, wechat);
    const token = await manager.getToken();
    store.down = true;
    clock.advance(60 * MINUTE);
    for (let i = 0; i < 50; i++) expect(await manager.getToken()).toBe(token);
    expect(await wechat.calls('token.stable')).toBe(1);
    expect(logger.lines.filter((l) => l.includes('token store unavailable'))).toHaveLength(1);
  });

  it('with the store and WeChat both failing, the cached token is served until it really expires', async () => {
    const wechat = emulated();
    const { clock } = wechat;
    const store = flakyStore(createMemoryStore({ now: clock.now }));
    const { manager } = setup({ store }, wechat);
    const token = await manager.getToken();
    store.down = true;
    await wechat.fault('token.stable', { errcode: -1 }); // from now on, every call
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
        tokenCalls(wechat).map((c) => c.at),
        MINUTE,
      ),
    ).toBeLessThanOrEqual(10);
  });

  it('with the store down, an invalidation storm still makes at most 10 upstream calls a minute', async () => {
    const wechat = emulated();
    const { clock } = wechat;
    const store = flakyStore(createMemoryStore({ now: clock.now }));
    store.down = true;
    const { manager } = setup({ mode: 'classic', store }, wechat);
    for (let i = 0; i < 180; i++) {
      await manager.getToken().then(
        (t) => manager.invalidate(t),
        () => {},
      );
      clock.advance(1000);
    }
    expect(
      maxInWindow(
        tokenCalls(wechat).map((c) => c.at),
        MINUTE,
      ),
    ).toBe(10);
  });

  it('after an upstream failure, callers get the error at once and WeChat is not asked again until the backoff ends', async () => {
    const { manager, wechat, clock } = setup();
    await wechat.fault('token.stable', { errcode: -1, times: 2 });
    await expect(manager.getToken()).rejects.toMatchObject({ errcode: -1 });
    await expect(manager.getToken()).rejects.toMatchObject({ errcode: -1 });
    expect(await wechat.calls('token.stable')).toBe(1);
    clock.advance(1000); // the first backoff is at most 1 s
    await expect(manager.getToken()).rejects.toMatchObject({ errcode: -1 });
    expect(await wechat.calls('token.stable')).toBe(2);
    clock.advance(2000);
    expect(await manager.getToken()).toBe(lastIssued(wechat));
    expect(await wechat.calls('token.stable')).toBe(3);
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
  /** The manager's error for what WeChat answers; neither it nor the log lines quote the secret. */
  async function errorOf(setupResult: ReturnType<typeof setup>, secret: string) {
    const { manager, logger } = setupResult;
    const err = (await manager.getToken().catch((e: unknown) => e)) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.message).not.toContain(secret);
    expect(logger.lines.join('\n')).not.toContain(secret);
    return err;
  }

  /** WeChat answers `errcode` (injected: the emulator has no IP whitelist or quota exhaustion to play it). */
  async function failWith(errcode: number, errmsg: string) {
    const run = setup();
    await run.wechat.fault('token.stable', { errcode, errmsg, times: 1 });
    const err = await errorOf(run, run.wechat.appSecret);
    expect(err.errcode).toBe(errcode);
    return err;
  }

  it('40164 names the caller IP from errmsg and says to add it to the IP whitelist', async () => {
    const err = await failWith(40164, 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist');
    expect(err.hint).toContain("Add 203.0.113.7 to the account's IP whitelist");
    expect(err.rid).toMatch(RID);
  });

  it('40013 says to check WECHAT_APPID; 40125 says to check WECHAT_APPSECRET', async () => {
    const withWrongAppId = setup({ appId: 'wx0000000000000000' });
    const wrongAppId = await errorOf(withWrongAppId, withWrongAppId.wechat.appSecret);
    expect(wrongAppId.errcode).toBe(40013);
    expect(wrongAppId.hint).toContain('WECHAT_APPID');
    const wrongSecret = await errorOf(setup({ mode: 'classic', appSecret: APP_SECRET }), APP_SECRET);
    expect(wrongSecret.errcode).toBe(40125);
    expect(wrongSecret.hint).toContain('WECHAT_APPSECRET');
  });

  it('a wrong AppSecret, as WeChat answers it, never puts the secret in the error or the logs', async () => {
    // The emulated account's secret is another one than APP_SECRET.
    const { manager, logger } = setup({ mode: 'classic', appSecret: APP_SECRET });
    const err = (await manager.getToken().catch((e: unknown) => e)) as WeChatApiError;
    expect(err.errcode).toBe(40125);
    expect(`${err.message} ${err.stack}`).not.toContain(APP_SECRET);
    expect(logger.lines.join('\n')).not.toContain(APP_SECRET);
  });

  it('45009 at stable_token explains its daily limits (force_refresh first)', async () => {
    const err = await failWith(45009, 'reach max api daily quota limit');
    expect(err.hint).toContain('force_refresh (20 a day');
    expect(err.hint).toContain('resets at midnight');
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
