/**
 * Configuration from the environment (and a `.env` file when present), validated once at start.
 *
 * Bad config fails with one line that names the variable and says how to fix it; values are never echoed.
 * @module
 */
import { existsSync } from 'node:fs';
import { configRules } from './config-rules.js';
import type { EncryptionMode } from './crypto/mode.js';
import { WeChatError } from './errors.js';

/** The environment variables wxmp reads, after validation. */
export interface WxmpEnv {
  appId: string | undefined;
  appSecret: string | undefined;
  token: string | undefined;
  encodingAESKey: string | undefined;
  previousEncodingAESKey: string | undefined;
  apiBase: string;
  redisUrl: string | undefined;
  port: number | undefined;
  /** `WECHAT_MESSAGE_MODE`: the console's message mode; unset, each push's mode is detected. */
  messageMode: EncryptionMode | undefined;
}

const VARIABLES = {
  appId: ['WECHAT_APPID', configRules.appId],
  appSecret: ['WECHAT_APPSECRET', configRules.appSecret],
  token: ['WECHAT_TOKEN', configRules.token],
  encodingAESKey: ['WECHAT_ENCODING_AES_KEY', configRules.encodingAESKey],
  previousEncodingAESKey: ['WECHAT_PREVIOUS_ENCODING_AES_KEY', configRules.encodingAESKey],
  apiBase: ['WECHAT_API_BASE', configRules.apiBase],
  redisUrl: ['REDIS_URL', configRules.redisUrl],
  port: ['PORT', configRules.port],
  messageMode: ['WECHAT_MESSAGE_MODE', configRules.messageMode],
} as const;

/** The WeChat API origin used when `WECHAT_API_BASE` is not set. */
export const DEFAULT_API_BASE = 'https://api.weixin.qq.com';

/**
 * Throws the one-line error used for every invalid setting.
 *
 * @example
 * ```ts
 * configError('WECHAT_TOKEN', 'is required for signature checks');
 * ```
 */
export function configError(variable: string, problem: string): never {
  throw new WeChatError('CONFIG_INVALID', `${variable} ${problem}`);
}

/**
 * Reads and validates wxmp's environment variables; empty strings count as unset.
 *
 * @example
 * ```ts
 * const env = readEnv(process.env);
 * if (!env.token) configError('WECHAT_TOKEN', 'is required');
 * ```
 */
export function readEnv(source: Record<string, string | undefined> = process.env): WxmpEnv {
  const out: Record<string, unknown> = {};
  for (const [key, [variable, rule]] of Object.entries(VARIABLES)) {
    const raw = source[variable];
    if (raw === undefined || raw === '') continue;
    const parsed = rule.safeParse(raw);
    if (!parsed.success) configError(variable, parsed.error.issues[0]?.message ?? 'is invalid');
    out[key] = parsed.data;
  }
  return {
    appId: out['appId'] as string | undefined,
    appSecret: out['appSecret'] as string | undefined,
    token: out['token'] as string | undefined,
    encodingAESKey: out['encodingAESKey'] as string | undefined,
    previousEncodingAESKey: out['previousEncodingAESKey'] as string | undefined,
    apiBase: (out['apiBase'] as string | undefined) ?? DEFAULT_API_BASE,
    redisUrl: out['redisUrl'] as string | undefined,
    port: out['port'] as number | undefined,
    messageMode: out['messageMode'] as EncryptionMode | undefined,
  };
}

let warnedOldNode = false;

/**
 * Loads `.env` from the working directory into `process.env` when the file exists (real variables win).
 *
 * On Node older than 20.12, which lacks `process.loadEnvFile`, the file is not read: one line on stderr says so
 * (once per process) and the variables already exported are used.
 *
 * @example
 * ```ts
 * loadDotEnv();
 * const env = readEnv();
 * ```
 */
export function loadDotEnv(path = '.env'): void {
  if (!existsSync(path)) return;
  // The typings say it always exists, but engines allows Node 20.0-20.11, where it does not.
  if (typeof (process as { loadEnvFile?: unknown }).loadEnvFile === 'function') {
    process.loadEnvFile(path);
    return;
  }
  if (warnedOldNode) return;
  warnedOldNode = true;
  // `. .env` would search PATH in a POSIX shell: name the file with a directory.
  const sourced = path.includes('/') ? path : `./${path}`;
  process.stderr.write(
    `wxmp: ${path} not read: reading it needs Node >= 20.12 (this is ${process.version}); ` +
      `upgrade Node, or export the variables instead (e.g. set -a; . ${sourced}; set +a)\n`,
  );
}
