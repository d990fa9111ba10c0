import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { parseMessage } from '../../../src/messages/parse.js';
import { inbound } from '../../../src/push/index.js';
import { HandlerContext } from '../../../src/webhook/handler-context.js';
import { FAN } from './support.js';

const context = () => new HandlerContext(parseMessage(inbound.text(FAN, 'hi')), 'safe', silentLogger);

describe('HandlerContext', () => {
  it('carries the message, the fan’s openid, the mode, the logger and an empty state', () => {
    const ctx = context();
    expect(ctx).toMatchObject({ openid: FAN.from, mode: 'safe', state: {}, message: { content: 'hi' } });
    expect(ctx.logger).toBe(silentLogger);
  });
  it('makes one signal, on first use, aborted by abort() with the reason', () => {
    const ctx = context();
    const signal = ctx.signal;
    expect(ctx.signal).toBe(signal);
    expect(signal.aborted).toBe(false);
    const reason = new Error('reply budget of 4500 ms exceeded');
    ctx.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
  });
  it('hands out an aborted signal when abort() came before the first use', () => {
    const ctx = context();
    const reason = new Error('late');
    ctx.abort(reason);
    expect(ctx.signal.aborted).toBe(true);
    expect(ctx.signal.reason).toBe(reason);
  });
});
