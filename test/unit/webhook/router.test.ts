import { describe, expect, expectTypeOf, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { parseMessage } from '../../../src/messages/parse.js';
import type {
  ClickEvent,
  Message,
  ScanCodeEvent,
  SubscribeEvent,
  TextMessage,
  UnknownEvent,
} from '../../../src/messages/types.js';
import type { Context } from '../../../src/webhook/context.js';
import { customEvent } from '../../../src/webhook/filter.js';
import { Router, compose, type HandlerResult } from '../../../src/webhook/router.js';
import { textOf } from '../../../src/xml/read.js';
import { eventSamples as ev, messageSamples as msg } from '../../fixtures/messages.js';

function context(xml: string): Context {
  const message: Message = parseMessage(xml);
  return {
    message,
    openid: message.fromUserName,
    mode: 'plain',
    signal: new AbortController().signal,
    state: {},
    logger: silentLogger,
  };
}

function dispatch(router: Router, xml: string): Promise<HandlerResult> {
  return Promise.resolve(router.middleware()(context(xml), () => Promise.resolve(undefined)));
}

describe('Router.on', () => {
  it('routes by MsgType and by event name, narrowing the message type', async () => {
    const bot = new Router();
    bot.on('text', (ctx) => {
      expectTypeOf(ctx.message).toEqualTypeOf<TextMessage>();
      return `text:${ctx.message.content}`;
    });
    bot.on('event.subscribe', (ctx) => {
      expectTypeOf(ctx.message).toEqualTypeOf<SubscribeEvent & { event: 'subscribe' }>();
      return `scene:${ctx.message.scene}`;
    });
    bot.on('event.CLICK', (ctx) => {
      expectTypeOf(ctx.message.eventKey).toEqualTypeOf<string>();
      return `click:${ctx.message.eventKey}`;
    });
    expect(await dispatch(bot, msg.text)).toBe('text:this is a test');
    expect(await dispatch(bot, ev.subscribeQr)).toBe('scene:123123');
    expect(await dispatch(bot, ev.click)).toBe('click:EVENTKEY');
    expect(await dispatch(bot, msg.image)).toBeUndefined();
  });

  it('accepts several queries; the type is their union', async () => {
    const bot = new Router();
    bot.on(['event.scancode_push', 'event.scancode_waitmsg'], (ctx) => {
      expectTypeOf(ctx.message).toMatchTypeOf<ScanCodeEvent>();
      return ctx.message.scanCodeInfo.scanResult;
    });
    expect(await dispatch(bot, ev.scancodePush)).toBe('1');
    expect(await dispatch(bot, ev.scancodeWaitmsg)).toBe('2');
  });

  it("'event' catches every event; 'event.unknown' and customEvent(name) catch unmodelled ones", async () => {
    const named = new Router();
    named.on(customEvent('card_pass_check'), (ctx) => {
      expectTypeOf(ctx.message).toEqualTypeOf<UnknownEvent>();
      return `card:${textOf(ctx.message.raw, 'CardId')}`;
    });
    expect(await dispatch(named, ev.cardPassCheck)).toBe('card:pFS7Fjg8kV1IdDz01r4SQwMkuCKc');
    const any = new Router();
    any.on('event.unknown', (ctx) => ctx.message.name);
    any.on('event', (ctx) => `event:${ctx.message.event}`);
    expect(await dispatch(any, ev.cardPassCheck)).toBe('card_pass_check');
    expect(await dispatch(any, ev.location)).toBe('event:LOCATION');
    expect(await dispatch(any, msg.text)).toBeUndefined();
  });

  it("'unknown' catches unmodelled MsgTypes", async () => {
    const bot = new Router();
    bot.on('unknown', (ctx) => ctx.message.msgType);
    expect(await dispatch(bot, msg.miniprogrampage)).toBe('miniprogrampage');
  });
});

describe('matchers', () => {
  it('text() matches exact strings and RegExps, exposing the match', async () => {
    const bot = new Router();
    bot.text('this is a test', (ctx) => `exact:${ctx.match}`);
    bot.text(/^weather (.+)$/, (ctx) => {
      expectTypeOf(ctx.match).toEqualTypeOf<RegExpExecArray>();
      return `weather:${ctx.match[1]}`;
    });
    expect(await dispatch(bot, msg.text)).toBe('exact:this is a test');
    expect(await dispatch(bot, msg.text.replace('this is a test', 'weather 广州'))).toBe('weather:广州');
    expect(await dispatch(bot, msg.text.replace('this is a test', 'nothing'))).toBeUndefined();
  });

  it('click() matches CLICK keys only; eventKey() matches any keyed event, and the QR scene of subscribe', async () => {
    const bot = new Router();
    bot.click('EVENTKEY', (ctx) => {
      expectTypeOf(ctx.message).toMatchTypeOf<ClickEvent>();
      return 'clicked';
    });
    bot.eventKey(/^\d+$/, (ctx) => `key:${ctx.match[0]}:${ctx.message.event}`);
    expect(await dispatch(bot, ev.click)).toBe('clicked');
    expect(await dispatch(bot, ev.scancodePush)).toBe('key:6:scancode_push');
    expect(await dispatch(bot, ev.subscribeQr)).toBe('key:123123:subscribe');
    expect(await dispatch(bot, ev.view)).toBeUndefined();
  });

  it('a RegExp with the global flag matches on every call', async () => {
    const bot = new Router();
    bot.text(/test/g, () => 'yes');
    expect(await dispatch(bot, msg.text)).toBe('yes');
    expect(await dispatch(bot, msg.text)).toBe('yes');
  });
});

describe('middleware', () => {
  it('runs use() middleware in order, lets it wrap the reply and share state', async () => {
    const bot = new Router();
    const seen: string[] = [];
    bot.use(async (ctx, next) => {
      seen.push('outer');
      ctx.state['user'] = 'alice';
      const r = await next();
      return typeof r === 'string' ? `[${r}]` : r;
    });
    bot.on('text', (ctx) => `${String(ctx.state['user'])}:${ctx.message.content}`);
    expect(await dispatch(bot, msg.text)).toBe('[alice:this is a test]');
    expect(seen).toEqual(['outer']);
  });

  it('a middleware that does not call next() stops the chain', async () => {
    const bot = new Router();
    bot.use(() => 'blocked');
    bot.on('text', () => 'never');
    expect(await dispatch(bot, msg.text)).toBe('blocked');
  });

  it('routers nest', async () => {
    const events = new Router();
    events.on('event.CLICK', () => 'inner');
    const bot = new Router();
    bot.use(events.middleware());
    bot.on('text', () => 'outer');
    expect(await dispatch(bot, ev.click)).toBe('inner');
    expect(await dispatch(bot, msg.text)).toBe('outer');
  });

  it('calling next() twice is an error', async () => {
    const twice = compose([
      async (_ctx, next) => {
        await next();
        return next();
      },
    ]);
    await expect(Promise.resolve(twice(context(msg.text), () => Promise.resolve(undefined)))).rejects.toThrow(
      /more than once/,
    );
  });
});
