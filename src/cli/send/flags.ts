/**
 * Checking the values of `wxmp send` flags; a bad one stops the command with `CONFIG_INVALID` naming the flag.
 * @module
 */
import { configError } from '../../config.js';

/**
 * The value of a flag that `what` cannot do without.
 *
 * @example
 * ```ts
 * const flags: { mediaId?: string } = {}; // the command's flags
 * requireFlag(flags.mediaId, '--media-id', 'send image'); // throws "--media-id is required for send image"
 * ```
 */
export function requireFlag(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value === '') configError(flag, `is required for ${what}`);
  return value;
}

/**
 * The number a flag holds, from `min` to `max` (and whole when `integer`).
 *
 * @example
 * ```ts
 * numberFlag('3', '--repeat', 1, 100, true); // 3
 * ```
 */
export function numberFlag(value: string, flag: string, min: number, max: number, integer = false): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    configError(flag, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${value}"`);
  }
  return n;
}
