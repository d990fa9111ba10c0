/**
 * Filter queries: the strings `on()` accepts, and the message type each one narrows to.
 *
 * `'text'`, `'image'`, … (MsgType); `'event'` (any event); `'event.subscribe'`, `'event.CLICK'`, … (one Event);
 * `'event.unknown'` (any event wxmp does not model); `'event.card_pass_check'` (one such event by name);
 * `'unknown'` (a MsgType wxmp does not model).
 * @module
 */
import type { EventMessage, EventOf, KnownEventName, Message, UnknownEvent } from '../messages/types.js';

/** Queries wxmp knows, offered by autocompletion. */
export type KnownQuery =
  Exclude<Message['type'], 'event'> | 'event' | `event.${KnownEventName}` | 'event.unknown';

/** Every query: the known ones, or `event.<name>` for an event wxmp does not model. */
export type FilterQuery = KnownQuery | `event.${string}`;

/**
 * The message type a query narrows to.
 *
 * @example
 * ```ts
 * type T = MessageOf<'event.subscribe'>; // SubscribeEvent
 * ```
 */
export type MessageOf<Q extends FilterQuery> = Q extends 'event'
  ? EventMessage
  : Q extends `event.${infer E}`
    ? E extends KnownEventName | 'unknown'
      ? EventOf<E>
      : UnknownEvent
    : Extract<Message, { type: Q }>;

/**
 * Compiles a query into a predicate that is also a type guard.
 *
 * @example
 * ```ts
 * const isClick = matchQuery('event.CLICK');
 * if (isClick(msg)) msg.eventKey;
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
