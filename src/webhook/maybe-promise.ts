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
 * const answer: MaybePromise<number> = Math.random() < 0.5 ? 1 : Promise.resolve(2);
 * const ready = isPromise(answer) ? await answer : answer;
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Whether `value` is a promise (any thenable: a custom Dedup may hand back one).
 *
 * @example
 * ```ts
 * const response = webhook.respond({ method: 'GET', url: '/wx' });
 * const answer = isPromise(response) ? await response : response; // no await when it was ready at once
 * ```
 */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}
