/**
 * Flags and environment shared by `wxmp emulator` and `wxmp dev`: the emulated account's settings, and the banner
 * printed at start.
 * @module
 */
import { configError, type WxmpEnv } from '../config.js';
import { ENCRYPTION_MODES } from '../crypto/mode.js';
import type { AccountOverrides } from './app.js';
import { DEFAULT_ACCOUNT } from './defaults.js';
import type { EmulatedAccount } from './world.js';

/** Flags both commands take. */
export interface EmulatorFlags {
  port?: string;
  host: string;
  webhook?: string;
  mode?: string;
  state?: string;
  maxConnections?: string;
}

/**
 * The account from `WECHAT_*` variables and flags; unset values stay on the embedded development defaults.
 *
 * @example
 * ```ts
 * import { readEnv } from 'wxmp/config';
 * const account = accountFrom(readEnv(), { mode: 'safe', host: '127.0.0.1' });
 * ```
 */
export function accountFrom(env: WxmpEnv, flags: EmulatorFlags): AccountOverrides {
  if (flags.mode !== undefined && !(ENCRYPTION_MODES as readonly string[]).includes(flags.mode)) {
    configError('--mode', `must be one of ${ENCRYPTION_MODES.join(', ')}, got "${flags.mode}"`);
  }
  if (flags.webhook !== undefined && !/^https?:\/\/[^\s/]+/i.test(flags.webhook)) {
    configError(
      '--webhook',
      `must be an http(s) URL such as http://127.0.0.1:3000/wx, got "${flags.webhook}"`,
    );
  }
  // An AppID and its secret belong together: a real AppID with the default secret would only confuse.
  return {
    appId: env.appId,
    appSecret: env.appSecret,
    token: env.token,
    encodingAESKey: env.encodingAESKey,
    mode: flags.mode as EmulatedAccount['mode'] | undefined,
    webhookUrl: flags.webhook,
  };
}

/**
 * The start banner: where to open the page, where pushes go, and the credentials. Embedded defaults are printed (they
 * are valid nowhere else); values from the environment are named, never printed.
 *
 * @example
 * ```ts
 * import { readEnv } from 'wxmp/config';
 * import { createEmulator } from './app.js';
 * const emulator = createEmulator();
 * console.log(banner('wxmp dev', 'http://127.0.0.1:3000', emulator.state.account, readEnv()));
 * ```
 */
export function banner(title: string, url: string, account: EmulatedAccount, env: WxmpEnv): string {
  const shown = (value: string, fromEnv: string | undefined, variable: string) =>
    fromEnv ? `(from ${variable})` : value;
  const webhook = account.webhookUrl
    ? account.webhookUrl.startsWith('/')
      ? `${url}${account.webhookUrl}`
      : account.webhookUrl
    : '(not set: set it on the page, or pass --webhook URL)';
  return [
    `${title}: open ${url}/  (phone page and developer panel)`,
    `  webhook         ${webhook}  [${account.mode} mode]`,
    `  AppID           ${shown(account.appId, env.appId, 'WECHAT_APPID')}`,
    `  AppSecret       ${shown(DEFAULT_ACCOUNT.appSecret, env.appSecret, 'WECHAT_APPSECRET')}`,
    `  Token           ${shown(DEFAULT_ACCOUNT.token, env.token, 'WECHAT_TOKEN')}`,
    `  EncodingAESKey  ${shown(DEFAULT_ACCOUNT.encodingAESKey, env.encodingAESKey, 'WECHAT_ENCODING_AES_KEY')}`,
    `  API base        WECHAT_API_BASE=${url}`,
  ].join('\n');
}

/**
 * Stops cleanly on Ctrl-C / SIGTERM.
 *
 * @example
 * ```ts
 * import { createEmulator, serveEmulator } from './index.js';
 * const served = await serveEmulator(createEmulator(), { port: 3000 });
 * stopOnSignals(() => served.close());
 * ```
 */
export function stopOnSignals(close: () => Promise<void>): void {
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
