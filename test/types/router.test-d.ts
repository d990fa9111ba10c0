/**
 * Type tests of the router (run by `npm test` through vitest's typecheck): what narrows, and what must not compile.
 * Each `@ts-expect-error` is a negative case: the line below it must be a type error, or the run fails.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ClickEvent,
  EventMessage,
  ImageMessage,
  ScanCodeEvent,
  SubscribeEvent,
  TextMessage,
  UnknownEvent,
  UnknownMessage,
  UserAuthorizationEvent,
  VoiceMessage,
} from '../../src/messages/types.js';
import { reply } from '../../src/replies/reply.js';
import type { Context } from '../../src/webhook/context.js';
import { customEvent, matchQuery, type FilterQuery, type MessageOf } from '../../src/webhook/filter.js';
import { Router, type HandlerResult, type Middleware } from '../../src/webhook/router.js';

const bot = new Router();

describe('on() narrows the message', () => {
  it('by MsgType', () => {
    bot.on('text', (ctx) => {
      expectTypeOf(ctx.message).toEqualTypeOf<TextMessage>();
      expectTypeOf(ctx.message.content).toEqualTypeOf<string>();
      return ctx.message.content;
    });
    bot.on('unknown', (ctx) => {
      expectTypeOf(ctx.message).toEqualTypeOf<UnknownMessage>();
      expectTypeOf(ctx.message.msgType).toEqualTypeOf<string>();
    });
  });

  it('by Event', () => {
    bot.on('event.subscribe', (ctx) => {
      expectTypeOf(ctx.message).toEqualTypeOf<SubscribeEvent & { event: 'subscribe' }>();
      expectTypeOf(ctx.message.scene).toEqualTypeOf<string | undefined>();
    });
    bot.on('event.CLICK', (ctx) => {
      expectTypeOf(ctx.message).toExtend<ClickEvent>();
      expectTypeOf(ctx.message.eventKey).toEqualTypeOf<string>();
    });
    bot.on('event', (ctx) => {
      expectTypeOf(ctx.message).toEqualTypeOf<EventMessage>();
    });
    bot.on('event.unknown', (ctx) => {
      expectTypeOf(ctx.message).toExtend<UnknownEvent>();
      expectTypeOf(ctx.message.name).toEqualTypeOf<string>();
    });
  });

  it('to the union of several queries', () => {
    bot.on(['image', 'voice'], (ctx) => {
      expectTypeOf(ctx.message).toEqualTypeOf<ImageMessage | VoiceMessage>();
      expectTypeOf(ctx.message.mediaId).toEqualTypeOf<string>();
    });
    bot.on(['event.scancode_push', 'event.scancode_waitmsg'], (ctx) => {
      expectTypeOf(ctx.message).toExtend<ScanCodeEvent>();
      expectTypeOf(ctx.message.event).toEqualTypeOf<'scancode_push' | 'scancode_waitmsg'>();
    });
  });

  it('by the authorization events WeChat asks to delete a fan’s data on', () => {
    bot.on(['event.user_authorization_revoke', 'event.user_authorization_cancellation'], (ctx) => {
      expectTypeOf(ctx.message).toExtend<UserAuthorizationEvent>();
      expectTypeOf(ctx.message.openId).toEqualTypeOf<string>();
      expectTypeOf(ctx.message.revokeInfo).toEqualTypeOf<string | undefined>();
    });
    bot.on('event.subscribe_msg_sent_event', (ctx) => {
      expectTypeOf(ctx.message.list[0]!.msgId).toEqualTypeOf<string>();
    });
  });

  it('to UnknownEvent for an event marked with customEvent()', () => {
    bot.on(customEvent('card_pass_check'), (ctx) => {
      expectTypeOf(ctx.message).toEqualTypeOf<UnknownEvent>();
      expectTypeOf(ctx.message.raw).not.toBeAny();
    });
    expectTypeOf<
      MessageOf<ReturnType<typeof customEvent<'card_pass_check'>>>
    >().toEqualTypeOf<UnknownEvent>();
  });

  it('in matchQuery, the guard behind on()', () => {
    const isSubscribe = matchQuery('event.subscribe');
    expectTypeOf(isSubscribe).guards.toEqualTypeOf<SubscribeEvent & { event: 'subscribe' }>();
  });
});

describe('matchers narrow the message and type ctx.match', () => {
  it('text() and click()', () => {
    bot.text('hello', (ctx) => {
      expectTypeOf(ctx.message).toEqualTypeOf<TextMessage>();
      expectTypeOf(ctx.match).toEqualTypeOf<string>();
    });
    bot.text(/^天气 (.+)$/, (ctx) => {
      expectTypeOf(ctx.match).toEqualTypeOf<RegExpExecArray>();
    });
    bot.click('V1001_GOOD', (ctx) => {
      expectTypeOf(ctx.message).toExtend<ClickEvent>();
      expectTypeOf(ctx.message.eventKey).toEqualTypeOf<string>();
      expectTypeOf(ctx.match).toEqualTypeOf<string>();
    });
    bot.eventKey(/^promo_(\d+)$/, (ctx) => {
      expectTypeOf(ctx.match).toEqualTypeOf<RegExpExecArray>();
      expectTypeOf(ctx.message.eventKey).toEqualTypeOf<string | undefined>();
    });
  });
});

describe('handlers return replies', () => {
  it('a string, a reply, nothing, or a promise of one', () => {
    bot.on('text', () => 'text');
    bot.on('text', () => reply.image('MEDIA_ID'));
    bot.on('text', () => undefined);
    bot.on('text', () => {});
    bot.on('text', () => Promise.resolve('later'));
    bot.on('text', async (ctx) => {
      await Promise.resolve();
      return reply.text(ctx.message.content);
    });
    bot.use(async (_ctx, next) => next());
    expectTypeOf<Middleware>().returns.toEqualTypeOf<HandlerResult | Promise<HandlerResult>>();
  });
});

describe('what must not compile', () => {
  it('a misspelt event or message type', () => {
    // @ts-expect-error: no such Event
    bot.on('event.subscibe', () => 'welcome');
    // @ts-expect-error: no such MsgType
    bot.on('txt', () => 'hi');
    // @ts-expect-error: one misspelt query in a list
    bot.on(['image', 'event.CLIKC'], () => 'hi');
    // @ts-expect-error: an unmodelled event needs customEvent()
    bot.on('event.card_pass_check', () => 'card');
    // @ts-expect-error: customEvent() is for events wxmp does not model
    customEvent('subscribe');
    // @ts-expect-error: the authorization events are modelled: use their queries
    customEvent('user_info_modified');
    // @ts-expect-error: a misspelt authorization event
    bot.on('event.user_authorisation_revoke', () => undefined);
    // @ts-expect-error: a plain string is no query
    const query: FilterQuery = 'event.whatever';
    void query;
  });

  it('a property the narrowed message does not have', () => {
    bot.on('event.subscribe', (ctx) => {
      // @ts-expect-error: a follow has no Content
      void ctx.message.content;
    });
    bot.on('text', (ctx) => {
      // @ts-expect-error: a text message has no EventKey
      void ctx.message.eventKey;
    });
    bot.eventKey('KEY', (ctx) => {
      // @ts-expect-error: an unfollow carries no EventKey, so eventKey() never hands one over
      return ctx.message.event === 'unsubscribe' ? 'bye' : undefined;
    });
    bot.click('KEY', (ctx) => {
      // @ts-expect-error: ctx.match of a string trigger is the string, not a RegExp result
      void ctx.match.index;
    });
  });

  it('a handler that returns something that is no reply', () => {
    // @ts-expect-error: a number is no reply
    bot.on('text', () => 42);
    // @ts-expect-error: nor a promise of one
    bot.on('text', () => Promise.resolve(42));
    // @ts-expect-error: nor an object that is not a Reply
    bot.use(() => ({ content: 'hi' }));
  });

  it('a context that is not what the route gives', () => {
    const onlyText = (ctx: Context<TextMessage>) => ctx.message.content;
    // @ts-expect-error: an image route does not hand over text messages
    bot.on('image', onlyText);
  });
});
