import { describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../src/messages/types.js';
import { inbound } from '../../../src/push/index.js';
import type { Reply } from '../../../src/replies/types.js';
import { MemoryDedup } from '../../../src/webhook/dedup.js';
import { answerOnce, dispatchPush } from '../../../src/webhook/dispatch.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import type { Context } from '../../../src/webhook/context.js';
import { Router, type Middleware } from '../../../src/webhook/router.js';
import { resolveSettings, type WebhookOptions } from '../../../src/webhook/settings.js';
import { FAN, NOW, TOKEN, post, received, recordingLogger, setup } from './support.js';

/** Dispatch settings around `middleware`, with a recording logger and no dedup unless asked. */
function settings(middleware: Middleware, options: Partial<WebhookOptions> = {}) {
  const logger = recordingLogger();
  return { ...resolveSettings(middleware, { token: TOKEN, dedup: false, logger, ...options }), logger };
}

describe('dispatchPush', () => {
  it('answers a synchronous middleware with the reply itself, not a promise', () => {
    const reply = dispatchPush(
      settings((ctx) => `echo ${ctx.openid}`),
      received(),
    );
    expect(reply).toEqual({ type: 'text', content: `echo ${FAN.from}` });
  });
  it('hands the middleware a context of the push: message, openid, mode, logger and state', () => {
    let seen: Context | undefined;
    const s = settings((ctx) => void (seen = ctx));
    const push = { ...received(), mode: 'safe' as const, keyIndex: 0 };
    expect(dispatchPush(s, push)).toEqual({ type: 'success' });
    expect(seen).toMatchObject({ message: push.message, openid: FAN.from, mode: 'safe', state: {} });
    expect(seen?.logger).toBe(s.logger);
  });
  it('answers nothing, an empty string, and the end of the chain with success', async () => {
    expect(
      dispatchPush(
        settings(() => undefined),
        received(),
      ),
    ).toEqual({ type: 'success' });
    expect(
      dispatchPush(
        settings(() => ''),
        received(),
      ),
    ).toEqual({ type: 'success' });
    await expect(
      dispatchPush(
        settings((_ctx, next) => next()),
        received(),
      ),
    ).resolves.toEqual({
      type: 'success',
    });
  });
  it('answers an asynchronous middleware with a promise of its reply', async () => {
    const reply = dispatchPush(
      settings(() => Promise.resolve('later')),
      received(),
    );
    expect(reply).toBeInstanceOf(Promise);
    await expect(reply).resolves.toEqual({ type: 'text', content: 'later' });
  });
  it('answers a throwing or rejecting middleware with success, and logs it with the message key', async () => {
    const s = settings(() => {
      throw new Error('boom');
    });
    const xml = inbound.text(FAN, 'x', '6054768590064713728');
    expect(dispatchPush(s, received(xml))).toEqual({ type: 'success' });
    const rejecting = settings(() => Promise.reject(new Error('late boom')));
    await expect(dispatchPush(rejecting, received(xml))).resolves.toEqual({ type: 'success' });
    for (const { logger } of [s, rejecting]) {
      expect(logger.lines).toEqual([
        expect.objectContaining({
          level: 'error',
          msg: 'handler threw; answered success',
          obj: expect.objectContaining({ key: 'msg:6054768590064713728', msgType: 'text' }) as object,
        }),
      ]);
    }
  });
  it('answers a push once per dedup key (the rendered answer), and logs the retries at debug only', () => {
    let calls = 0;
    const s = settings(() => `call ${++calls}`, { dedup: new MemoryDedup() });
    const xml = inbound.text(FAN, 'x', '1234567890123456');
    const first = answerOnce(s, received(xml));
    const retry = answerOnce(s, received(xml));
    expect(calls).toBe(1);
    expect(first).toContain('<Content><![CDATA[call 1]]></Content>');
    expect(retry).toBe(first);
    expect(s.logger.lines).toEqual([
      expect.objectContaining({ level: 'debug', obj: { key: 'msg:1234567890123456', attempt: 2 } }),
    ]);
  });
});

describe('dispatchPush past the reply budget', () => {
  async function overBudget(options: Partial<WebhookOptions>, late: () => Promise<unknown>) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let signal: AbortSignal | undefined;
      const s = settings(
        async (ctx) => {
          signal = ctx.signal;
          await new Promise((r) => setTimeout(r, 200));
          return (await late()) as string;
        },
        // slow: [] is the behaviour before the strategies (see slow/ for them).
        { replyBudgetMs: 100, slow: [], ...options },
      );
      const reply = dispatchPush(s, received());
      await vi.advanceTimersByTimeAsync(100);
      await expect(reply).resolves.toEqual({ type: 'success' });
      expect(signal?.aborted).toBe(true);
      await vi.advanceTimersByTimeAsync(100);
      return s.logger.lines.map((l) => `${l.level}: ${l.msg ?? ''}`);
    } finally {
      vi.useRealTimers();
    }
  }
  it('logs a late reply as dropped when no lateReply is configured', async () => {
    expect(await overBudget({}, () => Promise.resolve('late'))).toEqual([
      'warn: handler exceeded the reply budget; answered success',
      'warn: late reply dropped: configure lateReply to deliver it',
    ]);
  });
  it('says a dropped late reply on stderr when no logger was given: a lost answer is never silent', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const s = resolveSettings(
        async () => {
          await new Promise((r) => setTimeout(r, 200));
          return 'late';
        },
        { token: TOKEN, dedup: false, replyBudgetMs: 100 },
      );
      const reply = dispatchPush(s, received());
      await vi.advanceTimersByTimeAsync(100);
      await expect(reply).resolves.toEqual({ type: 'success' });
      expect(stderr).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(100);
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(
        /^wxmp: late reply dropped: configure lateReply to deliver it \(key=/,
      );
    } finally {
      stderr.mockRestore();
      vi.useRealTimers();
    }
  });
  it('says a late reply that lateReply failed to deliver on stderr when no logger was given', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const s = resolveSettings(
        async () => {
          await new Promise((r) => setTimeout(r, 200));
          return 'late';
        },
        {
          token: TOKEN,
          dedup: false,
          replyBudgetMs: 100,
          lateReply: () => Promise.reject(new Error('48001 api unauthorized')),
        },
      );
      const reply = dispatchPush(s, received());
      await vi.advanceTimersByTimeAsync(200);
      await reply;
      await vi.waitFor(() => expect(stderr).toHaveBeenCalledTimes(1));
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/lateReply failed .*err=48001 api unauthorized/);
    } finally {
      stderr.mockRestore();
      vi.useRealTimers();
    }
  });
  it('does not deliver a late success', async () => {
    const lateReply = vi.fn();
    expect(await overBudget({ lateReply }, () => Promise.resolve(undefined))).toHaveLength(1);
    expect(lateReply).not.toHaveBeenCalled();
  });
  it('logs a handler that fails after the budget, and a lateReply that fails', async () => {
    expect(await overBudget({}, () => Promise.reject(new Error('gone')))).toContain(
      'error: handler failed after the reply budget',
    );
    const lateReply = () => Promise.reject(new Error('API down'));
    expect(await overBudget({ lateReply }, () => Promise.resolve('late'))).toContain(
      'error: lateReply failed',
    );
  });
});

describe('handlers: errors, retries and the reply budget', () => {
  it('a handler that throws is answered with success and logged with the message id', async () => {
    const { webhook, logger } = setup({}, () => {
      throw new Error('boom');
    });
    const xml = inbound.text(FAN, 'x', '6054768590064713728');
    const res = await post(webhook, 'plain', xml);
    expect(res).toMatchObject({ status: 200, body: 'success' });
    const line = logger.lines.find((l) => l.level === 'error');
    expect(line?.obj).toMatchObject({ key: 'msg:6054768590064713728' });
  });
  it("WeChat's retries run the handler once and get the same answer", async () => {
    let calls = 0;
    const { webhook } = setup({}, () => `call ${++calls}`);
    const xml = inbound.text(FAN, 'x', '1234567890123456');
    const first = await post(webhook, 'plain', xml);
    const second = await post(webhook, 'plain', xml);
    expect(calls).toBe(1);
    expect(second.body).toBe(first.body);
  });
  it('a retry arriving while the first attempt runs waits for the same result', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const { webhook } = setup({}, async () => {
      calls++;
      await gate;
      return 'slow answer';
    });
    const xml = inbound.event(FAN, 'CLICK', { EventKey: 'K' });
    const a = post(webhook, 'plain', xml);
    const b = post(webhook, 'plain', xml);
    release();
    const [ra, rb] = await Promise.all([a, b]);
    expect(calls).toBe(1);
    expect(ra.body).toContain('slow answer');
    expect(rb.body).toBe(ra.body);
  });
  it('past the reply budget: answers success, aborts ctx.signal, and hands the reply to lateReply', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const late: [Message, Reply][] = [];
      let signal: AbortSignal | undefined;
      const bot = new Router();
      bot.on('text', async (ctx) => {
        signal = ctx.signal;
        await new Promise((r) => setTimeout(r, 10_000));
        return 'finally';
      });
      const webhook = createWebhook(bot, {
        token: TOKEN,
        now: () => NOW,
        slow: [],
        lateReply: (m, r) => void late.push([m, r]),
      });
      const pending = post(webhook, 'plain');
      await vi.advanceTimersByTimeAsync(4500);
      expect((await pending).body).toBe('success');
      expect(signal?.aborted).toBe(true);
      await vi.advanceTimersByTimeAsync(6000);
      expect(late).toHaveLength(1);
      expect(late[0]![1]).toEqual({ type: 'text', content: 'finally' });
    } finally {
      vi.useRealTimers();
    }
  });
});
