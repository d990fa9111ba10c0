/**
 * The rule each setting is checked against (zod), shared by `readEnv` (environment variables) and the CLI's flags
 * (`src/cli/options.ts`), so a value means the same wherever it is given. Internal: `wxmp/config` exports what reads
 * the settings, not the rules.
 * @module
 */
import { z } from 'zod';
import { ENCRYPTION_MODES } from './crypto/mode.js';

const PORT_RULE = 'must be a port number from 0 to 65535, digits only (e.g. 3000)';

/**
 * Rules shared by every service that reads the account's settings.
 *
 * @example
 * ```ts
 * configRules.appId.safeParse('wx0123456789abcdef').success; // true
 * ```
 */
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
  // http(s) only: z.url() alone accepts ftp:, file: and javascript: URLs.
  apiBase: z.url({
    protocol: /^https?$/,
    message: 'must be an http(s) URL such as https://api.weixin.qq.com',
  }),
  // Digits only (0 lets the system pick a free port): a number coercion would read " " as 0 and "0x10" as 16.
  port: z
    .string()
    .regex(/^\d{1,5}$/, PORT_RULE)
    .transform(Number)
    .refine((port) => port <= 65535, PORT_RULE),
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
  messageMode: z.enum(ENCRYPTION_MODES, {
    message: `must be one of ${ENCRYPTION_MODES.join(', ')}, as set in the console (消息加解密方式)`,
  }),
} as const;
