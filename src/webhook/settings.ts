/**
 * The webhook's options, checked once and resolved with their defaults into the settings every step reads.
 * @module
 */
import { MessageCrypto } from '../crypto/message-crypto.js';
import { WeChatError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Message } from '../messages/types.js';
import type { Reply } from '../replies/types.js';
import { MemoryDedup, type Dedup } from './dedup.js';
import { Router, type Middleware } from './router.js';

/**
 * WeChat's pushes are a few KB; 1 MiB is generous.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', maxBodyBytes: DEFAULT_MAX_BODY_BYTES / 4 });
 * ```
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/**
 * WeChat waits 5 s; answering by 4.5 s leaves room for the network.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', replyBudgetMs: DEFAULT_REPLY_BUDGET_MS - 1000 }); // a slow network
 * ```
 */
export const DEFAULT_REPLY_BUDGET_MS = 4500;
/**
 * Pushes older or newer than this are refused as replays.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', timestampWindowSec: DEFAULT_TIMESTAMP_WINDOW_SEC * 2 }); // a drifting clock
 * ```
 */
export const DEFAULT_TIMESTAMP_WINDOW_SEC = 300;

/**
 * Settings of a webhook.
 */
export interface WebhookOptions {
  /** The Token of the server configuration (signatures). */
  token: string;
  /** The AppID; required with `encodingAESKey` (it is checked inside every encrypted message). */
  appId?: string | undefined;
  /** The 43-character EncodingAESKey; enables compatible and safe mode. */
  encodingAESKey?: string | undefined;
  /** The previous EncodingAESKey during rotation: decrypted with either, replied with the one that worked. */
  previousEncodingAESKey?: string | undefined;
  /** Default 300; 0 disables the check. */
  timestampWindowSec?: number;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Default 4500 ms. */
  replyBudgetMs?: number;
  /** Retry deduplication; default in-memory, `false` to turn off. */
  dedup?: Dedup | false;
  /** Receives replies that missed the budget (the webhook already answered `success`). */
  lateReply?: (message: Message, reply: Reply) => Promise<void> | void;
  logger?: Logger;
  /** Clock in ms, for tests. */
  now?: () => number;
}

/**
 * {@link WebhookOptions} with every default applied: what receive, dispatch and respond read. One object of one
 * shape per webhook, so each step's reads of it stay monomorphic on the hot path.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA', replyBudgetMs: 3000 });
 * console.log(settings.replyBudgetMs, settings.timestampWindowSec); // 3000 300
 * ```
 */
export interface WebhookSettings {
  readonly token: string;
  /** Present when an EncodingAESKey is configured. */
  readonly crypto: MessageCrypto | undefined;
  readonly timestampWindowSec: number;
  readonly maxBodyBytes: number;
  readonly replyBudgetMs: number;
  readonly dedup: Dedup | undefined;
  readonly lateReply: WebhookOptions['lateReply'];
  readonly middleware: Middleware;
  readonly logger: Logger;
  readonly now: () => number;
}

/**
 * Checks the options and applies the defaults; throws `CONFIG_INVALID` for a missing Token, or an EncodingAESKey
 * without its AppID.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA' });
 * settings.maxBodyBytes; // 1048576
 * ```
 */
export function resolveSettings(app: Router | Middleware, options: WebhookOptions): WebhookSettings {
  if (!options.token)
    throw new WeChatError('CONFIG_INVALID', 'the webhook needs a token', {
      hint: 'Set WECHAT_TOKEN to the Token of the server configuration',
    });
  if (options.encodingAESKey && !options.appId) {
    throw new WeChatError('CONFIG_INVALID', 'an EncodingAESKey needs the AppID too', {
      hint: 'Set WECHAT_APPID',
    });
  }
  const now = options.now ?? Date.now;
  return {
    token: options.token,
    crypto: options.encodingAESKey
      ? new MessageCrypto({
          appId: options.appId!,
          encodingAESKey: options.encodingAESKey,
          previousEncodingAESKey: options.previousEncodingAESKey,
        })
      : undefined,
    timestampWindowSec: options.timestampWindowSec ?? DEFAULT_TIMESTAMP_WINDOW_SEC,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    replyBudgetMs: options.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS,
    dedup: options.dedup === false ? undefined : (options.dedup ?? new MemoryDedup({ now })),
    lateReply: options.lateReply,
    middleware: app instanceof Router ? app.middleware() : app,
    logger: options.logger ?? silentLogger,
    now,
  };
}
