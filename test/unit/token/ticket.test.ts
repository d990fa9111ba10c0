import { afterEach, describe, expect, it } from 'vitest';
import { WeChatApiError } from '../../../src/errors.js';
import { createTokenManager, type TokenManager } from '../../../src/token/manager.js';
import { createTicketManager, type TicketManager } from '../../../src/token/ticket.js';
import { createMemoryStore } from '../../../src/token/stores/memory.js';
import { FakeTokenPlatform } from '../../support/fake-token-endpoint.js';
import { APP_ID, APP_SECRET, Clock } from '../../support/token-test-kit.js';

const opened: (TokenManager | TicketManager)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((m) => m.close()));
});

function setup() {
  const clock = new Clock();
  const platform = new FakeTokenPlatform({ now: clock.now, appId: APP_ID, appSecret: APP_SECRET });
  const store = createMemoryStore({ now: clock.now });
  const common = { fetch: platform.fetch, now: clock.now, store };
  const tokens = createTokenManager({ appId: APP_ID, appSecret: APP_SECRET, ...common });
  const tickets = createTicketManager({ appId: APP_ID, tokens, type: 'jsapi', ...common });
  opened.push(tickets, tokens);
  return { clock, platform, tokens, tickets };
}

describe('ticket manager', () => {
  it('fetches the jsapi_ticket with the current access_token, once for 100 concurrent callers', async () => {
    const { tickets, platform } = setup();
    const values = await Promise.all(Array.from({ length: 100 }, () => tickets.getTicket()));
    expect(new Set(values).size).toBe(1);
    expect(values[0]).toMatch(/^TICKET-.*-jsapi$/);
    expect(platform.count('getticket')).toBe(1);
    expect(platform.count('stable_token')).toBe(1);
  });

  it('refreshes the ticket ahead of expiry like the token', async () => {
    const { tickets, platform, clock } = setup();
    const first = await tickets.getTicket();
    clock.advance(7200_000 - 60_000);
    expect(await tickets.getTicket()).toBe(first);
    const second = await tickets.refresh();
    expect(second).not.toBe(first);
    expect(platform.count('getticket')).toBe(2);
  });

  it('refresh() asks WeChat although the cached ticket has an hour left', async () => {
    const { tickets, platform, clock } = setup();
    await tickets.getTicket();
    clock.advance(60 * 60_000);
    await Promise.all([tickets.refresh(), tickets.refresh()]);
    expect(platform.count('getticket')).toBe(2);
  });

  it('on 40001 from getticket, invalidates that access_token and retries once with a new one', async () => {
    const { tickets, tokens, platform } = setup();
    const stale = await tokens.getToken();
    platform.revoke(stale); // WeChat no longer accepts it, though the cache still holds it
    const ticket = await tickets.getTicket();
    expect(ticket).toMatch(/^TICKET-/);
    expect(await tokens.getToken()).not.toBe(stale);
    expect(platform.calls.filter((c) => c.endpoint === 'getticket').map((c) => c.errcode)).toEqual([
      40001, 0,
    ]);
  });

  it('retries only once: a second rejection surfaces as WeChatApiError with a hint', async () => {
    const { tickets, platform } = setup();
    platform.failNext(42001, 'access_token expired', { times: 2, endpoints: ['getticket'] });
    const err = (await tickets.getTicket().catch((e: unknown) => e)) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.errcode).toBe(42001);
    expect(err.hint).toContain('one service fetches tokens');
    expect(platform.count('getticket')).toBe(2);
  });

  it('invalidate(ticket) removes only that exact ticket', async () => {
    const { tickets, platform } = setup();
    const ticket = await tickets.getTicket();
    await tickets.invalidate('OLD-TICKET');
    expect(await tickets.getTicket()).toBe(ticket);
    expect(platform.count('getticket')).toBe(1);
    await tickets.invalidate(ticket);
    await tickets.getTicket();
    expect(platform.count('getticket')).toBe(2);
  });

  it('peek returns the cached ticket and its expiry', async () => {
    const { tickets, clock } = setup();
    expect(await tickets.peek()).toBeUndefined();
    const ticket = await tickets.getTicket();
    expect(await tickets.peek()).toEqual({ ticket, expiresAt: clock.t + 7200_000 });
  });
});
