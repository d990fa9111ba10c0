/**
 * Shared parsing of CLI flags and environment, so every command fails the same way: one line saying what to fix.
 * Also the account flags (`--token`, `--appid`, `--aes-key`, with env defaults) that `send`, `sign`, `encrypt` and
 * `decrypt` share.
 * @module
 */
import { configRules } from '../config-rules.js';
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
  // The same rule as PORT (digits only, 0-65535), with the flag's value in the message.
  const port = configRules.port.safeParse(value);
  if (!port.success) configError(flag, `must be a port number (0-65535), got "${value}"`);
  return port.data;
}

/**
 * Parses a flag that takes a whole number from 1 up (`--max-connections`, `--max-body-bytes`).
 *
 * @example
 * ```ts
 * parseCount('2000', '--max-connections'); // 2000
 * ```
 */
export function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,10}$/.test(value) || Number(value) < 1)
    configError(flag, `must be a whole number from 1 up, got "${value}"`);
  return Number(value);
}

/**
 * Requires a setting, naming the variable and the flag that provide it.
 *
 * @example
 * ```ts
 * import { readEnv } from 'wxmp/config';
 * const opts: { token?: string } = {}; // the command's flags
 * const token = required(opts.token ?? readEnv().token, 'WECHAT_TOKEN', '--token');
 * ```
 */
export function required<T>(value: T | undefined, variable: string, flag?: string): T {
  if (value === undefined || value === '') {
    configError(variable, `is required${flag ? ` (or pass ${flag})` : ''}`);
  }
  return value;
}

/** The account settings a tool may need, each a flag with an environment default. */
export type AccountSetting = 'token' | 'appId' | 'encodingAESKey';

const SETTINGS: Record<AccountSetting, { flag: string; variable: string }> = {
  token: { flag: '--token', variable: 'WECHAT_TOKEN' },
  appId: { flag: '--appid', variable: 'WECHAT_APPID' },
  encodingAESKey: { flag: '--aes-key', variable: 'WECHAT_ENCODING_AES_KEY' },
};

/**
 * Reads one account setting: the flag when given, else its environment variable (after `.env`), validated with the
 * rules of the console. Only this setting is read, so an unrelated bad variable does not stop a tool. The value is
 * never echoed in an error.
 *
 * @example
 * ```ts
 * const opts: { token?: string } = {}; // the command's flags
 * accountSetting('token', opts.token); // opts.token, or WECHAT_TOKEN, or undefined
 * ```
 */
export function accountSetting(
  name: AccountSetting,
  flagValue: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const { flag, variable } = SETTINGS[name];
  if (flagValue === undefined && env === process.env) loadDotEnv();
  const [source, raw] = flagValue !== undefined ? [flag, flagValue] : [variable, env[variable]];
  if (raw === undefined || raw === '') return undefined;
  const parsed = configRules[name].safeParse(raw);
  if (!parsed.success) configError(source, parsed.error.issues[0]?.message ?? 'is invalid');
  return parsed.data;
}

/**
 * Like {@link accountSetting}, but a missing value is a config error naming both the flag and the variable.
 *
 * @example
 * ```ts
 * const opts: { appid?: string } = {}; // the command's flags
 * const appId = requireAccountSetting('appId', opts.appid); // throws "--appid is required (or set WECHAT_APPID)"
 * ```
 */
export function requireAccountSetting(
  name: AccountSetting,
  flagValue: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  const value = accountSetting(name, flagValue, env);
  if (value === undefined)
    configError(SETTINGS[name].flag, `is required (or set ${SETTINGS[name].variable})`);
  return value;
}
