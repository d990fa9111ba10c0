/**
 * A value that may be ready now or later. The webhook stays synchronous for as long as its middleware does, so
 * each step hands on either the value itself or a promise of it.
 * @module
 */

/**
 * A value now, or a promise of it.
 *
 * @example
 * ```ts
 * const reply: MaybePromise<Reply> = dispatchPush(settings, received);
 * const ready = isPromise(reply) ? await reply : reply;
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Whether `value` is a promise (any thenable: a custom Dedup may hand back one).
 *
 * @example
 * ```ts
 * const response = webhook.respond(request);
 * if (isPromise(response)) response.then(send);
 * else send(response);
 * ```
 */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}
