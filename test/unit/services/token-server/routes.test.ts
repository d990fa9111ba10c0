import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  healthz,
  invalidateTicket,
  invalidateToken,
  serveTicket,
  serveToken,
  type ServedCredentials,
} from '../../../../src/services/token-server/routes.js';
import { createRateLimiter } from '../../../../src/services/proxy/rate-limit.js';
import type { TokenVerdict } from '../../../../src/token/check.js';
import type { TokenManager } from '../../../../src/token/manager.js';
import type { TicketManager } from '../../../../src/token/ticket.js';
import { captureLogger } from '../../../support/token-test-kit.js';

const NOW = 1_700_000_000_000;

/** Managers that hand out `state.token` and `state.ticket` and record invalidations; `peek` sees `state.cachedToken`. */
function credentials(verdict: TokenVerdict = 'rejected') {
  const state = {
    token: 'TOKEN_1',
    cachedToken: 'TOKEN_1' as string | undefined,
    ticket: 'TICKET_1',
    invalidated: [] as string[],
    allowForce: [] as (boolean | undefined)[],
    checks: 0,
  };
  const tokens = {
    getToken: () => Promise.resolve(state.token),
    peek: () =>
      Promise.resolve(
        state.cachedToken === undefined
          ? undefined
          : { accessToken: state.cachedToken, expiresAt: NOW + 7_200_000 },
      ),
    invalidate: (t: string, options?: { allowForce?: boolean }) => {
      state.allowForce.push(options?.allowForce);
      return Promise.resolve(void state.invalidated.push(t));
    },
    forceRefreshBudget: () => Promise.resolve({ used: 2, dailyLimit: 20, reserve: 5, available: 13 }),
  } as unknown as TokenManager;
  const jsapi = {
    getTicket: () => Promise.resolve(state.ticket),
    peek: () => Promise.resolve({ ticket: state.ticket, expiresAt: NOW + 60_000 }),
    invalidate: (t: string) => Promise.resolve(void state.invalidated.push(`ticket:${t}`)),
  } as unknown as TicketManager;
  const served: ServedCredentials = {
    tokens,
    tickets: { jsapi },
    logger: captureLogger(),
    now: () => NOW,
    checkToken: () => {
      state.checks += 1;
      return Promise.resolve(verdict);
    },
    invalidations: createRateLimiter(3, () => NOW),
  };
  const app = new Hono<{ Variables: { clientKeyId: string } }>();
  app.use((c, next) => {
    c.set('clientKeyId', c.req.header('x-key') ?? 'k1');
    return next();
  });
  app.get('/healthz', healthz(served));
  app.get('/token', serveToken(served));
  app.post('/token/invalidate', invalidateToken(served));
  app.get('/ticket', serveTicket(served));
  app.post('/ticket/invalidate', invalidateTicket(served));
  return { app, state };
}

const post = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

describe('token server routes', () => {
  it('healthz says whether a token is cached, and what is left of the forced refreshes', async () => {
    const { app, state } = credentials();
    const force_refresh = { used_24h: 2, daily_limit: 20, reserve: 5, available: 13 };
    expect(await (await app.request('/healthz')).json()).toEqual({
      status: 'ok',
      token_cached: true,
      force_refresh,
    });
    state.cachedToken = undefined;
    expect(await (await app.request('/healthz')).json()).toEqual({
      status: 'ok',
      token_cached: false,
      force_refresh,
    });
  });

  it('GET /token gives the token with its expiry', async () => {
    const { app } = credentials();
    expect(await (await app.request('/token')).json()).toEqual({
      access_token: 'TOKEN_1',
      expires_at: Math.floor((NOW + 7_200_000) / 1000),
      expires_in: 7200,
    });
  });

  it('GET /token gives null expiry when the cached token is another one (a refresh landed in between)', async () => {
    const { app, state } = credentials();
    state.cachedToken = 'TOKEN_2';
    expect(await (await app.request('/token')).json()).toEqual({
      access_token: 'TOKEN_1',
      expires_at: null,
      expires_in: null,
    });
  });

  it('POST /token/invalidate ignores a token that is not the current one, without asking WeChat', async () => {
    const { app, state } = credentials();
    const res = await app.request('/token/invalidate', post({ access_token: 'STALE' }));
    expect(await res.json()).toEqual({ ok: true, retired: false });
    expect(state.invalidated).toEqual([]);
    expect(state.checks).toBe(0);
  });

  it('POST /token/invalidate retires the current token when WeChat rejects it', async () => {
    const { app, state } = credentials('rejected');
    const res = await app.request('/token/invalidate', post({ access_token: 'TOKEN_1' }));
    expect(await res.json()).toEqual({ ok: true, retired: true });
    expect(state.invalidated).toEqual(['TOKEN_1']);
    expect(state.allowForce).toEqual([true]);
  });

  it('POST /token/invalidate keeps a token WeChat accepts, and does not ask again for 10 s', async () => {
    const { app, state } = credentials('valid');
    for (let i = 0; i < 3; i++) {
      const res = await app.request('/token/invalidate', post({ access_token: 'TOKEN_1' }));
      expect(await res.json()).toEqual({ ok: true, retired: false });
    }
    expect(state.invalidated).toEqual([]);
    expect(state.checks).toBe(1);
  });

  it('POST /token/invalidate retires without a forced refresh when the check fails', async () => {
    const { app, state } = credentials('unknown');
    await app.request('/token/invalidate', post({ access_token: 'TOKEN_1' }));
    expect(state.allowForce).toEqual([false]);
  });

  it('POST /token/invalidate limits each key, not the others', async () => {
    const { app } = credentials('valid');
    const from = (key: string) =>
      app.request('/token/invalidate', { ...post({ access_token: 'X' }), headers: { 'x-key': key } });
    for (let i = 0; i < 3; i++) expect((await from('k1')).status).toBe(200);
    const refused = await from('k1');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'RATE_LIMITED' });
    expect((await from('k2')).status).toBe(200);
  });

  it('POST /token/invalidate reads at most 8 KiB of a body, chunked or not', async () => {
    const { app } = credentials();
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 4096;
        controller.enqueue(new Uint8Array(4096).fill(32));
      },
    });
    const res = await app.request('/token/invalidate', {
      method: 'POST',
      body: endless,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(16 * 1024);
  });

  it('GET /ticket defaults to jsapi; an unknown type is 400 and an unserved one 404', async () => {
    const { app } = credentials();
    expect(await (await app.request('/ticket')).json()).toEqual({
      ticket: 'TICKET_1',
      expires_at: Math.floor((NOW + 60_000) / 1000),
      expires_in: 60,
    });
    expect((await app.request('/ticket?type=nope')).status).toBe(400);
    const unserved = await app.request('/ticket?type=wx_card');
    expect(unserved.status).toBe(404);
    expect(await unserved.json()).toEqual({
      error: 'NOT_FOUND',
      message: 'This server does not serve wx_card tickets',
    });
  });

  it('POST /ticket/invalidate passes that exact ticket on; an unserved type is 404', async () => {
    const { app, state } = credentials();
    expect(await (await app.request('/ticket/invalidate', post({ ticket: 'OLD' }))).json()).toEqual({
      ok: true,
    });
    expect(state.invalidated).toEqual(['ticket:OLD']);
    expect((await app.request('/ticket/invalidate', post({ ticket: 'OLD', type: 'wx_card' }))).status).toBe(
      404,
    );
  });
});
