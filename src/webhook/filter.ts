/**
 * Filter queries: the strings `on()` accepts, and the message type each one narrows to.
 *
 * `'text'`, `'image'`, … (MsgType); `'event'` (any event); `'event.subscribe'`, `'event.CLICK'`, … (one Event);
 * `'event.unknown'` (any event wxmp does not model); `'unknown'` (a MsgType wxmp does not model). Only these
 * compile, so a misspelt `'event.subscibe'` is a type error rather than a route that never matches (grammY's
 * filter queries work the same way). One event wxmp does not model is named with {@link customEvent}:
 * `bot.on(customEvent('card_pass_check'), …)`.
 * @module
 */
import type { EventMessage, EventOf, KnownEventName, Message, UnknownEvent } from '../messages/types.js';

/**
 * Queries wxmp knows, offered by autocompletion.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * function greetOn(bot: Router, query: KnownQuery) {
 *   bot.on(query, (ctx) => `你好 ${ctx.openid}`);
 * }
 * ```
 */
export type KnownQuery =
  Exclude<Message['type'], 'event'> | 'event' | `event.${KnownEventName}` | 'event.unknown';

declare const customEventName: unique symbol;

/**
 * `event.<name>` for an event wxmp does not model, as {@link customEvent} makes it. The brand is what lets it
 * through `on()`: a plain string that is no {@link KnownQuery} does not compile.
 *
 * @example
 * ```ts
 * const cardEvents: CustomEventQuery[] = [customEvent('card_pass_check'), customEvent('user_get_card')];
 * bot.on(cardEvents, (ctx) => ctx.message.name);
 * ```
 */
export type CustomEventQuery<N extends string = string> = `event.${N}` & { readonly [customEventName]: N };

/**
 * Every query: the known ones, or a {@link CustomEventQuery}.
 *
 * @example
 * ```ts
 * const queries: FilterQuery[] = ['event.subscribe', customEvent('card_pass_check')];
 * bot.on(queries, () => '收到');
 * ```
 */
export type FilterQuery = KnownQuery | CustomEventQuery;

/**
 * The query for one event wxmp does not model, by its Event name as WeChat sends it; its handlers get an
 * `UnknownEvent` (every field in `raw`). A name wxmp models does not compile: use its `'event.<name>'` query.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * const bot = new Router();
 * bot.on(customEvent('card_pass_check'), (ctx) => `card ${String(ctx.message.raw['CardId'] ?? '?')}`);
 * ```
 */
export function customEvent<N extends string>(
  name: N extends KnownEventName | 'unknown' ? never : N,
): CustomEventQuery<N> {
  return `event.${name}` as CustomEventQuery<N>;
}

/**
 * The message type a query narrows to.
 */
export type MessageOf<Q extends FilterQuery> = Q extends CustomEventQuery
  ? UnknownEvent
  : Q extends 'event'
    ? EventMessage
    : Q extends `event.${infer E extends KnownEventName | 'unknown'}`
      ? EventOf<E>
      : Extract<Message, { type: Q }>;

/**
 * Compiles a query into a predicate that is also a type guard.
 *
 * @example
 * ```ts
 * import { parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * const isClick = matchQuery('event.CLICK');
 * const message = parseMessage(inbound.event({ from: 'oFan', to: 'gh_account' }, 'CLICK', { EventKey: 'K' }));
 * if (isClick(message)) console.log(message.eventKey); // 'K'
 * ```
 */
export function matchQuery<Q extends FilterQuery>(query: Q): (message: Message) => message is MessageOf<Q> {
  if (query === 'event') return (m): m is MessageOf<Q> => m.type === 'event';
  if (query.startsWith('event.')) {
    const name = query.slice('event.'.length);
    return (m): m is MessageOf<Q> =>
      m.type === 'event' && (m.event === name || (m.event === 'unknown' && m.name === name));
  }
  return (m): m is MessageOf<Q> => m.type === query;
}
