/**
 * `wxmp dev` / `npm start` in one function: the emulator, the phone page and an example bot wired together in one
 * process on one port (the bot at `/wx`), or the emulator pointed at the developer's own server.
 * @module
 */
import { exampleBots } from '../examples/index.js';
import { EXAMPLE_MENU } from '../examples/menu.js';
import { WeChatError } from '../errors.js';
import { createWebhook } from '../webhook/handler.js';
import {
  createEmulator,
  resolveAccount,
  type AccountOverrides,
  type Emulator,
  type EmulatorOptions,
} from './app.js';
import { serveEmulator } from './serve.js';

/** Where the example bot is served on the emulator's port. */
export const DEV_BOT_PATH = '/wx';

/** Settings of {@link startDev}. */
export interface DevOptions {
  port?: number | undefined;
  host?: string | undefined;
  /** The example bot to run (default `menu`: it answers menu taps, echoes text and welcomes followers). */
  example?: string | undefined;
  /** Push to the developer's own server instead of an example bot. */
  webhookUrl?: string | undefined;
  account?: AccountOverrides | undefined;
  stateFile?: string | undefined;
  pushTimeoutMs?: number | undefined;
}

/** A running dev setup. */
export interface DevServer {
  /** The phone page, e.g. `http://127.0.0.1:3000/`. */
  url: string;
  port: number;
  emulator: Emulator;
  /** The example bot's name, or undefined when pushing to `webhookUrl`. */
  example: string | undefined;
  close: () => Promise<void>;
}

/**
 * Starts the emulator with an example bot (or pointed at `webhookUrl`) and listens.
 *
 * @example
 * ```ts
 * const dev = await startDev({ port: 3000 });
 * console.log(`open ${dev.url}`);
 * ```
 */
export async function startDev(options: DevOptions = {}): Promise<DevServer> {
  const example = options.webhookUrl ? undefined : (options.example ?? 'menu');
  const emulatorOptions: EmulatorOptions = {
    account: { ...options.account, ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}) },
    stateFile: options.stateFile,
    pushTimeoutMs: options.pushTimeoutMs,
  };
  if (example !== undefined) {
    const factory = exampleBots[example];
    if (!factory)
      throw new WeChatError(
        'CONFIG_INVALID',
        `--example must be one of ${Object.keys(exampleBots).join(', ')}, got "${example}"`,
      );
    const { token, appId, encodingAESKey } = resolveAccount(options.account);
    // The bot gets the account's keys, so any mode chosen on the page (plain, compatible, safe) works.
    emulatorOptions.webhook = {
      path: DEV_BOT_PATH,
      webhook: createWebhook(factory(), { token, appId, encodingAESKey }),
    };
    emulatorOptions.menu = EXAMPLE_MENU;
  }
  const emulator = createEmulator(emulatorOptions);
  const served = await serveEmulator(emulator, {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
  });
  return { url: `${served.url}/`, port: served.port, emulator, example, close: served.close };
}
