/**
 * Where and how `wxmp send` pushes: the webhook URL, the mode and keys (flags first, then the environment), the
 * parties, how many times and how long to wait.
 * @module
 */
import { configError } from '../../config.js';
import type { EncryptionMode } from '../../crypto/mode.js';
import type { PushKeys } from '../../push/request.js';
import { accountSetting, requireAccountSetting } from '../options.js';
import { numberFlag, requireFlag } from './flags.js';

/** WeChat waits this long for an answer. */
export const WECHAT_TIMEOUT_MS = 5000;
/** The fan's openid when `--from` is not given (28 characters, like a real openid). */
export const DEFAULT_FAN_OPENID = 'oWxmpCliFan00000000000000000';
/** The account's original id when `--to` is not given. */
export const DEFAULT_ACCOUNT_ID = 'gh_0123456789ab';

/** The push flags shared by every `wxmp send <type>`. */
export interface SendFlags {
  url?: string | undefined;
  aes?: boolean | undefined;
  mode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  token?: string | undefined;
  appid?: string | undefined;
  aesKey?: string | undefined;
  repeat?: string | undefined;
  timeout?: string | undefined;
}

/** Where and how to push. */
export interface SendTarget {
  url: string;
  keys: PushKeys;
  from: string;
  to: string;
  repeat: number;
  timeoutMs: number;
}

/**
 * Resolves the target and keys from the flags, with `WECHAT_TOKEN`, `WECHAT_APPID` and `WECHAT_ENCODING_AES_KEY`
 * as defaults; throws `CONFIG_INVALID` naming the flag to fix.
 *
 * @example
 * ```ts
 * resolveTarget({ url: 'http://127.0.0.1:3000/wx', aes: true }); // safe mode, keys from the environment
 * ```
 */
export function resolveTarget(
  flags: SendFlags,
  env: Record<string, string | undefined> = process.env,
): SendTarget {
  const url = requireFlag(flags.url, '--url', 'send (the webhook URL, e.g. http://127.0.0.1:3000/wx)');
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return configError('--url', `must be an http(s) URL such as http://127.0.0.1:3000/wx, got "${url}"`);
  }
  if (protocol !== 'http:' && protocol !== 'https:')
    configError('--url', `must start with http:// or https://, got "${url}"`);
  if (flags.aes && flags.mode !== undefined && flags.mode !== 'safe') {
    configError('--aes', `means --mode safe and cannot be combined with --mode ${flags.mode}`);
  }
  const mode = (flags.aes ? 'safe' : (flags.mode ?? 'plain')) as EncryptionMode;
  const keys: PushKeys = { token: requireAccountSetting('token', flags.token, env), mode };
  if (mode === 'plain') {
    // Keys are not needed, but a bad value given as a flag is still a mistake worth reporting.
    accountSetting('appId', flags.appid, {});
    accountSetting('encodingAESKey', flags.aesKey, {});
  } else {
    keys.appId = requireAccountSetting('appId', flags.appid, env);
    keys.encodingAESKey = requireAccountSetting('encodingAESKey', flags.aesKey, env);
  }
  return {
    url,
    keys,
    from: flags.from ?? DEFAULT_FAN_OPENID,
    to: flags.to ?? DEFAULT_ACCOUNT_ID,
    repeat: flags.repeat === undefined ? 1 : numberFlag(flags.repeat, '--repeat', 1, 100, true),
    timeoutMs:
      flags.timeout === undefined
        ? WECHAT_TIMEOUT_MS
        : numberFlag(flags.timeout, '--timeout', 1, 600_000, true),
  };
}
