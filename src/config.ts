/**
 * Configuration from the environment (and a `.env` file when present), validated once at start.
 *
 * Bad config fails with one line that names the variable and says how to fix it; values are never echoed.
 * @module
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { WeChatError } from './errors.js';

/** Rules shared by every service that reads the account's settings. */
export const configRules = {
  appId: z
    .string()
    .regex(
      /^wx[0-9a-zA-Z]{16}$/,
      'must look like wx followed by 16 letters or digits (the AppID of the console)',
    ),
  appSecret: z.string().regex(/^[0-9a-zA-Z]{16,64}$/, 'must be the 32-character AppSecret of the console'),
  token: z.string().regex(/^[0-9a-zA-Z]{3,32}$/, 'must be 3-32 letters or digits, as the console requires'),
  encodingAESKey: z
    .string()
    .regex(/^[0-9a-zA-Z]{43}$/, 'must be exactly 43 letters or digits (the EncodingAESKey of the console)'),
  apiBase: z.url({ message: 'must be an http(s) URL such as https://api.weixin.qq.com' }),
  port: z.coerce.number().int().min(0).max(65535),
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
} as const;

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
  };
}

/**
 * Loads `.env` from the working directory into `process.env` when the file exists (real variables win).
 *
 * @example
 * ```ts
 * loadDotEnv();
 * const env = readEnv();
 * ```
 */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
