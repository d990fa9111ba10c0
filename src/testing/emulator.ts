/**
 * The emulator for tests: WeChat's platform and a fan on a loopback port, pushing to your webhook (or serving your
 * bot itself), with every push recorded and WeChat's checks applied to every answer.
 * @module
 */
import {
  createEmulator,
  resolveAccount,
  type AccountOverrides,
  type Emulator,
  type EmulatorOptions,
} from '../emulator/app.js';
import type { EncryptionMode } from '../crypto/mode.js';
import { DEFAULT_FAN } from '../emulator/fans/create-fan.js';
import type { FanActions } from '../emulator/fans/action-types.js';
import type { Pusher } from '../emulator/push.js';
import { serveEmulator } from '../emulator/serve.js';
import type { ChatEntry } from '../emulator/chat-entry.js';
import type { EmulatorState } from '../emulator/state.js';
import { createWebhook } from '../webhook/handler.js';
import type { Middleware, Router } from '../webhook/router.js';

/** Settings of {@link startEmulator}. */
export interface StartEmulatorOptions {
  /** Where pushes go: your running webhook, e.g. `http://127.0.0.1:3000/wx`. */
  webhookUrl?: string | undefined;
  /** Or your bot itself: the emulator serves it at `/wx` with the account's keys and pushes there. */
  bot?: Router | Middleware | undefined;
  /** Encryption mode of the pushes; default plain. */
  mode?: EncryptionMode | undefined;
  /** Account settings (AppID, Token, EncodingAESKey…); default the embedded development account. */
  account?: AccountOverrides | undefined;
  /** Per-attempt timeout; default 5000 ms like WeChat. A few hundred ms keeps timeout tests quick. */
  pushTimeoutMs?: number | undefined;
  /** A menu to start with, e.g. `{ button: [{ type: 'click', name: '今日', key: 'TODAY' }] }`. */
  menu?: EmulatorOptions['menu'];
  /** Default 0 (any free port). */
  port?: number | undefined;
}

/** A running test emulator. */
export interface TestEmulator {
  /** Base URL: the phone page, the fan-action API, and the platform API (use it as `WECHAT_API_BASE`). */
  url: string;
  state: EmulatorState;
  /** Every fan action (`text`, `image`, `menu`, `follow`, `scan`, …). */
  fans: FanActions;
  /** Pushes raw message XML, as WeChat would. */
  push: Pusher;
  /** The openid of the fan that exists (and follows) from the start. */
  fan: string;
  /** Shorthand: the default fan (or `openid`) sends `text`; resolves the chat entries that came back. */
  say: (text: string, openid?: string) => Promise<ChatEntry[]>;
  emulator: Emulator;
  close: () => Promise<void>;
}

/**
 * Starts an emulator on 127.0.0.1 (port 0) for a test.
 *
 * @example
 * ```ts
 * import { createEchoBot } from 'wxmp/examples';
 * import { expect } from 'vitest';
 * const emu = await startEmulator({ bot: createEchoBot(), mode: 'safe' });
 * const [reply] = await emu.say('hello');
 * expect(reply?.payload).toEqual({ content: 'hello' });
 * const { pushes } = await emu.fans.menu(emu.fan, { key: 'V1001_GOOD' });
 * await emu.close();
 * ```
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  const account: AccountOverrides = {
    ...options.account,
    mode: options.mode ?? options.account?.mode,
    webhookUrl: options.webhookUrl ?? options.account?.webhookUrl,
  };
  const keys = resolveAccount(account);
  const emulator = createEmulator({
    account,
    menu: options.menu,
    pushTimeoutMs: options.pushTimeoutMs,
    webhook: options.bot
      ? {
          path: '/wx',
          webhook: createWebhook(options.bot, {
            token: keys.token,
            appId: keys.appId,
            encodingAESKey: keys.encodingAESKey,
          }),
        }
      : undefined,
  });
  const served = await serveEmulator(emulator, { port: options.port ?? 0, host: '127.0.0.1' });
  return {
    url: served.url,
    state: emulator.state,
    fans: emulator.fans,
    push: emulator.push,
    fan: DEFAULT_FAN.openid,
    say: async (text, openid = DEFAULT_FAN.openid) => {
      const { pushes } = await emulator.fans.text(openid, text);
      return pushes.flatMap((p) => p.entries);
    },
    emulator,
    close: served.close,
  };
}
