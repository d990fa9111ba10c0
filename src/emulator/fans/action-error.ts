/**
 * The one error of the fan side.
 * @module
 */

/**
 * A fan action that cannot happen (unknown fan, not following, …), with the HTTP status the route answers.
 *
 * @example
 * ```ts
 * import { createEmulator } from 'wxmp/emulator';
 * const { fans } = createEmulator();
 * try {
 *   await fans.text('oNobody', 'hi');
 * } catch (err) {
 *   if (err instanceof FanActionError) console.log(err.status); // 404: no such fan
 * }
 * ```
 */
export class FanActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'FanActionError';
  }
}
