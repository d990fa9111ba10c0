/**
 * `wxmp dev` / `npm start` in one function: the emulator, the phone page and an example bot wired together in one
 * process on one port (the bot at `/wx`), or the emulator pointed at the developer's own server. A bot's replies
 * that miss the reply budget reach the phone as customer-service messages, as with `wxmp serve`.
 * @module
 */
import { exampleBots } from '../examples/index.js';
import { EXAMPLE_MENU } from '../examples/menu.js';
import { WeChatError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createWebhook } from '../webhook/handler.js';
import type { SlowStrategy } from '../webhook/slow/strategy.js';
import type { Middleware, Router } from '../webhook/router.js';
import {
  createEmulator,
  resolveAccount,
  type AccountOverrides,
  type Emulator,
  type EmulatorOptions,
} from './app.js';
import { emulatorLateReply } from './late-reply.js';
import { serveEmulator } from './serve.js';

/** Where the example bot is served on the emulator's port. */
export const DEV_BOT_PATH = '/wx';

/** Settings of {@link startDev}. */
export interface DevOptions {
  port?: number | undefined;
  host?: string | undefined;
  /** The example bot to run (default `menu`: it answers menu taps, echoes text and welcomes followers). */
  example?: string | undefined;
  /** Your own bot at `/wx` instead of an example (with the account's keys, like `startEmulator({ bot })`). */
  bot?: Router | Middleware | undefined;
  /** Push to the developer's own server instead of an example bot. */
  webhookUrl?: string | undefined;
  account?: AccountOverrides | undefined;
  stateFile?: string | undefined;
  pushTimeoutMs?: number | undefined;
  /** The bot's reply budget (default 4500 ms, WeChat's 5 s less a margin); past it the reply goes out late. */
  replyBudgetMs?: number | undefined;
  /** Concurrent connections the server accepts; default `EMULATOR_LIMITS.maxConnections` (256). */
  maxConnections?: number | undefined;
  /** The bot's slow-handler strategies (default customer-service: the emulator has the customer-service API). */
  slow?: readonly SlowStrategy[] | undefined;
  /** The bot's log (budget overruns, late replies that could not be delivered); default silent. */
  logger?: Logger | undefined;
}

/** A running dev setup. */
export interface DevServer {
  /** The phone page, e.g. `http://127.0.0.1:3000/`. */
  url: string;
  port: number;
  emulator: Emulator;
  /** The example bot's name, or undefined when pushing to `webhookUrl` or running `bot`. */
  example: string | undefined;
  close: () => Promise<void>;
}

/**
 * Starts the emulator with an example bot (or your `bot`, or pointed at `webhookUrl`) and listens. A mounted bot's
 * late replies go out through the emulator's customer-service API (see `emulatorLateReply`).
 *
 * @example
 * ```ts
 * const dev = await startDev({ port: 3000 });
 * console.log(`open ${dev.url}`);
 * ```
 */
export async function startDev(options: DevOptions = {}): Promise<DevServer> {
  const mounts = !options.webhookUrl;
  const example = mounts && options.bot === undefined ? (options.example ?? 'menu') : undefined;
  const emulatorOptions: EmulatorOptions = {
    account: { ...options.account, ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}) },
    stateFile: options.stateFile,
    pushTimeoutMs: options.pushTimeoutMs,
  };
  const late = emulatorLateReply({ logger: options.logger });
  const bot = mounts ? (options.bot ?? exampleBot(example)) : undefined;
  if (bot !== undefined) {
    const { token, appId, encodingAESKey } = resolveAccount(options.account);
    // The bot gets the account's keys, so any mode chosen on the page (plain, compatible, safe) works.
    emulatorOptions.webhook = {
      path: DEV_BOT_PATH,
      webhook: createWebhook(bot, {
        token,
        appId,
        encodingAESKey,
        lateReply: late.lateReply,
        typing: late.typing,
        ...(options.slow === undefined ? {} : { slow: options.slow }),
        // The bot plays the emulator's cut: held attempts let go when the emulator retries.
        ...(options.pushTimeoutMs === undefined ? {} : { wechatTimeoutMs: options.pushTimeoutMs }),
        ...(options.replyBudgetMs === undefined ? {} : { replyBudgetMs: options.replyBudgetMs }),
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      }),
    };
    if (example !== undefined) emulatorOptions.menu = EXAMPLE_MENU;
  }
  const emulator = createEmulator(emulatorOptions);
  late.connect(emulator);
  const served = await serveEmulator(emulator, {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    ...(options.maxConnections === undefined ? {} : { limits: { maxConnections: options.maxConnections } }),
  });
  const close = async () => {
    await served.close();
    await late.close();
  };
  return { url: `${served.url}/`, port: served.port, emulator, example, close };
}

function exampleBot(example: string | undefined): Router | undefined {
  if (example === undefined) return undefined;
  const factory = exampleBots[example];
  if (!factory)
    throw new WeChatError(
      'CONFIG_INVALID',
      `--example must be one of ${Object.keys(exampleBots).join(', ')}, got "${example}"`,
    );
  return factory();
}
