/**
 * A value that may be ready now or later. The webhook stays synchronous for as long as its middleware does, so
 * each step hands on either the value itself or a promise of it.
 * @module
 */

/** A value now, or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Whether `value` is a promise (any thenable: a custom Dedup may hand back one).
 *
 * @example
 * ```ts
 * const reply = dispatchPush(settings, push);
 * if (isPromise(reply)) await reply;
 * ```
 */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}
