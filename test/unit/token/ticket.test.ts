import { afterEach, describe, expect, it } from 'vitest';
import { WeChatApiError } from '../../../src/errors.js';
import { createTokenManager, type TokenManager } from '../../../src/token/manager.js';
import { createTicketManager, type TicketManager } from '../../../src/token/ticket.js';
import { createMemoryStore } from '../../../src/token/stores/memory.js';
import { createEmulatedWeChat, type EmulatedWeChat } from '../../support/emulated-wechat.js';

const opened: (TokenManager | TicketManager | EmulatedWeChat)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((m) => m.close()));
});

/** A token and a ticket manager on the emulator, in-process, on a clock that moves only when the test moves it. */
function setup() {
  const wechat = createEmulatedWeChat({ frozenAt: 1_700_000_000_000 });
  const { clock } = wechat;
  const store = createMemoryStore({ now: clock.now });
  const common = { fetch: wechat.fetch, now: clock.now, store };
  const tokens = createTokenManager({ appId: wechat.appId, appSecret: wechat.appSecret, ...common });
  const tickets = createTicketManager({ appId: wechat.appId, tokens, type: 'jsapi', ...common });
  opened.push(tickets, tokens, wechat);
  return { clock, wechat, tokens, tickets };
}

describe('ticket manager', () => {
  it('fetches the jsapi_ticket with the current access_token, once for 100 concurrent callers', async () => {
    const { tickets, tokens, wechat } = setup();
    const values = await Promise.all(Array.from({ length: 100 }, () => tickets.getTicket()));
    expect(new Set(values).size).toBe(1);
    const [call] = wechat.requestsOf('jssdk.getTicket');
    expect(call?.query).toMatchObject({ type: 'jsapi', access_token: await tokens.getToken() });
    expect(values[0]).toBe(call?.answer?.['ticket']);
    expect(await wechat.calls('jssdk.getTicket')).toBe(1);
    expect(await wechat.calls('token.stable')).toBe(1);
  });

  it('refreshes the ticket ahead of expiry like the token', async () => {
    const { tickets, wechat, clock } = setup();
    const first = await tickets.getTicket();
    clock.advance(7200_000 - 60_000);
    expect(await tickets.getTicket()).toBe(first);
    const second = await tickets.refresh();
    expect(second).not.toBe(first);
    expect(await wechat.calls('jssdk.getTicket')).toBe(2);
  });

  it('refresh() asks WeChat although the cached ticket has an hour left', async () => {
    const { tickets, wechat, clock } = setup();
    await tickets.getTicket();
    clock.advance(60 * 60_000);
    await Promise.all([tickets.refresh(), tickets.refresh()]);
    expect(await wechat.calls('jssdk.getTicket')).toBe(2);
  });

  it('on 40001 from getticket, invalidates that access_token and retries once with a new one', async () => {
    const { tickets, tokens, wechat } = setup();
    const stale = await tokens.getToken();
    // Another process force-refreshes the stable token: WeChat retires the cached one at once.
    await wechat.forceStableRefresh();
    const ticket = await tickets.getTicket();
    expect(ticket).toBe(wechat.requestsOf('jssdk.getTicket').at(-1)?.answer?.['ticket']);
    expect(await tokens.getToken()).not.toBe(stale);
    expect(wechat.requestsOf('jssdk.getTicket').map((c) => c.answer?.['errcode'])).toEqual([40001, 0]);
  });

  it('retries only once: a second rejection surfaces as WeChatApiError with a hint', async () => {
    const { tickets, wechat } = setup();
    await wechat.fault('jssdk.getTicket', { errcode: 42001, times: 2 });
    const err = (await tickets.getTicket().catch((e: unknown) => e)) as WeChatApiError;
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err.errcode).toBe(42001);
    expect(err.hint).toContain('one service fetches tokens');
    expect(await wechat.calls('jssdk.getTicket')).toBe(2);
  });

  it('invalidate(ticket) removes only that exact ticket', async () => {
    const { tickets, wechat } = setup();
    const ticket = await tickets.getTicket();
    await tickets.invalidate('OLD-TICKET');
    expect(await tickets.getTicket()).toBe(ticket);
    expect(await wechat.calls('jssdk.getTicket')).toBe(1);
    await tickets.invalidate(ticket);
    await tickets.getTicket();
    expect(await wechat.calls('jssdk.getTicket')).toBe(2);
  });

  it('peek returns the cached ticket and its expiry', async () => {
    const { tickets, clock } = setup();
    expect(await tickets.peek()).toBeUndefined();
    const ticket = await tickets.getTicket();
    expect(await tickets.peek()).toEqual({ ticket, expiresAt: clock.t + 7200_000 });
  });
});
