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
import type { TokenManager } from '../../../../src/token/manager.js';
import type { TicketManager } from '../../../../src/token/ticket.js';
import { captureLogger } from '../../../support/token-test-kit.js';

const NOW = 1_700_000_000_000;

/** Managers that hand out `state.token` and `state.ticket` and record invalidations; `peek` sees `state.cachedToken`. */
function credentials() {
  const state = {
    token: 'TOKEN_1',
    cachedToken: 'TOKEN_1' as string | undefined,
    ticket: 'TICKET_1',
    invalidated: [] as string[],
  };
  const tokens = {
    getToken: () => Promise.resolve(state.token),
    peek: () =>
      Promise.resolve(
        state.cachedToken === undefined
          ? undefined
          : { accessToken: state.cachedToken, expiresAt: NOW + 7_200_000 },
      ),
    invalidate: (t: string) => Promise.resolve(void state.invalidated.push(t)),
  } as unknown as TokenManager;
  const jsapi = {
    getTicket: () => Promise.resolve(state.ticket),
    peek: () => Promise.resolve({ ticket: state.ticket, expiresAt: NOW + 60_000 }),
    invalidate: (t: string) => Promise.resolve(void state.invalidated.push(`ticket:${t}`)),
  } as unknown as TicketManager;
  const served: ServedCredentials = { tokens, tickets: { jsapi }, logger: captureLogger(), now: () => NOW };
  const app = new Hono();
  app.get('/healthz', healthz(served));
  app.get('/token', serveToken(served));
  app.post('/token/invalidate', invalidateToken(served));
  app.get('/ticket', serveTicket(served));
  app.post('/ticket/invalidate', invalidateTicket(served));
  return { app, state };
}

const post = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

describe('token server routes', () => {
  it('healthz says whether a token is cached', async () => {
    const { app, state } = credentials();
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok', token_cached: true });
    state.cachedToken = undefined;
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok', token_cached: false });
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

  it('POST /token/invalidate passes that exact token on', async () => {
    const { app, state } = credentials();
    const res = await app.request('/token/invalidate', post({ access_token: 'STALE' }));
    expect(await res.json()).toEqual({ ok: true });
    expect(state.invalidated).toEqual(['STALE']);
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
