/**
 * Shared parsing of CLI flags and environment, so every command fails the same way: one line saying what to fix.
 * @module
 */
import { configError, loadDotEnv, readEnv, type WxmpEnv } from '../config.js';

/**
 * Loads `.env` (when present) and the validated environment.
 *
 * @example
 * ```ts
 * const env = cliEnv();
 * ```
 */
export function cliEnv(): WxmpEnv {
  loadDotEnv();
  return readEnv(process.env);
}

/**
 * Parses a `--port` value (0–65535).
 *
 * @example
 * ```ts
 * parsePort('3000', '--port'); // 3000
 * ```
 */
export function parsePort(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    configError(flag, `must be a port number (0-65535), got "${value}"`);
  return port;
}

/**
 * Requires a setting, naming the variable and the flag that provide it.
 *
 * @example
 * ```ts
 * const token = required(opts.token ?? env.token, 'WECHAT_TOKEN', '--token');
 * ```
 */
export function required<T>(value: T | undefined, variable: string, flag?: string): T {
  if (value === undefined || value === '') {
    configError(variable, `is required${flag ? ` (or pass ${flag})` : ''}`);
  }
  return value;
}
