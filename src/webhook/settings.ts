/**
 * The webhook's options, checked once and resolved with their defaults into the settings every step reads.
 * @module
 */
import { MessageCrypto } from '../crypto/message-crypto.js';
import { ENCRYPTION_MODES, type EncryptionMode } from '../crypto/mode.js';
import { WeChatError } from '../errors.js';
import { silentLogger, stderrWarnings, type Logger } from '../logger.js';
import type { Message } from '../messages/types.js';
import type { Reply } from '../replies/types.js';
import { MemoryDedup, type Dedup } from './dedup.js';
import { MemoryAnswerStore, type AnswerStore } from './slow/answer-store.js';
import type { Journal } from './slow/journal.js';
import { SlowAnswers } from './slow/slow-answers.js';
import {
  DEFAULT_PULL_MORE_TEXT,
  DEFAULT_PULL_TEXT,
  DEFAULT_PULL_TTL_MS,
  defaultSlowStrategies,
  SLOW_STRATEGIES,
  type SlowStrategy,
} from './slow/strategy.js';
import { resolveObserver, type ResolvedObserver, type WebhookObserver } from './observer.js';
import { RefusalLog } from './refusal-log.js';
import { ReplayGuard } from './replay-guard.js';
import { Router, type Middleware } from './router.js';

/**
 * 128 KiB. The largest documented pushes: a MASSSENDJOBFINISH with the copyright-check results and URLs of 8
 * articles (1 KB URLs) is 20 KB, a text message of 8000 Chinese characters 24 KB; compatible mode sends the message
 * twice (plaintext and base64 ciphertext), 47 and 57 KB: this leaves a margin of 2× (see
 * test/unit/webhook/body-limit.test.ts, which builds those pushes).
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', maxBodyBytes: DEFAULT_MAX_BODY_BYTES * 2 });
 * ```
 */
export const DEFAULT_MAX_BODY_BYTES = 128 * 1024;
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
  timestampWindowSec?: number | undefined;
  /** Default 128 KiB ({@link DEFAULT_MAX_BODY_BYTES}). */
  maxBodyBytes?: number | undefined;
  /**
   * The message mode set in the console (消息加解密方式). `safe`: only pushes with a valid `msg_signature` over their
   * `Encrypt` are read (a push with the encryption parameters dropped is refused, `MESSAGE_MODE_MISMATCH`);
   * `compatible`: the same when an EncodingAESKey is configured, else the plaintext copy is read; `plain`: encrypted
   * pushes are refused. Unset: the mode of each push is detected from the push itself (a downgrade goes unnoticed).
   */
  messageMode?: EncryptionMode | undefined;
  /**
   * One body per signed query when the body is not covered by a signature (plain mode): the table's size, or
   * `false` to turn it off. Default `DEFAULT_REPLAY_GUARD_ENTRIES` (262 144 entries, 5 MiB).
   */
  replayGuard?: { maxEntries?: number } | false | undefined;
  /** Each refusal reason is logged at most once per this interval (with its count); default 60 s. */
  refusalLogIntervalMs?: number | undefined;
  /** Default 4500 ms. */
  replyBudgetMs?: number | undefined;
  /**
   * Retry deduplication; default a `MemoryDedup` (answers kept 20 s, in at most 32 MiB), `false` to turn it off.
   */
  dedup?: Dedup | false | undefined;
  /** Receives replies that missed the budget (the webhook already answered `success`). */
  lateReply?: ((message: Message, reply: Reply) => Promise<void> | void) | undefined;
  logger?: Logger | undefined;
  /**
   * What to do with a handler slower than the reply budget, strategies tried in this order (see
   * docs/slow-handlers.md): `stretch`, `customer-service`, `pull`. Default `['customer-service']` with a
   * `lateReply`, else `['stretch', 'pull']`; `[]` answers `success` at the budget and hands the reply to
   * `lateReply` (the behaviour before the strategies).
   */
  slow?: readonly SlowStrategy[] | undefined;
  /** The `pull` strategy: the text answered meanwhile, the line ending each part but the last, the keeping time. */
  pull?: { text?: string; moreText?: string; ttlMs?: number } | undefined;
  /** Shared state of the strategies (answers, outcomes, kept answers); default in memory. */
  answers?: AnswerStore | undefined;
  /** Where acknowledged pushes wait for their answer, so a restart loses none; default none. */
  journal?: Journal | undefined;
  /** Shows the fan "typing" (customer service's Typing command) while a late answer is worked on. */
  typing?: ((openid: string) => Promise<void>) | undefined;
  /** How long WeChat waits for each attempt; default 5000 ms (the emulator's tests shorten it). */
  wechatTimeoutMs?: number | undefined;
  /** Hooks for metrics: pushes, handler runs, duplicates, refusals, answers by the way they went out. */
  observe?: WebhookObserver | undefined;
  /** Clock in ms, for tests. */
  now?: (() => number) | undefined;
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
  /** The configured message mode; undefined means detected per push. */
  readonly messageMode: EncryptionMode | undefined;
  readonly replayGuard: ReplayGuard | undefined;
  readonly refusals: RefusalLog;
  readonly replyBudgetMs: number;
  readonly dedup: Dedup | undefined;
  readonly lateReply: WebhookOptions['lateReply'];
  readonly slow: readonly SlowStrategy[];
  /** The strategies at work; undefined when `slow` is empty. */
  readonly slowAnswers: SlowAnswers | undefined;
  readonly pull: { text: string; moreText: string; ttlMs: number };
  readonly answers: AnswerStore;
  readonly journal: Journal | undefined;
  readonly typing: WebhookOptions['typing'];
  readonly wechatTimeoutMs: number;
  readonly middleware: Middleware;
  readonly logger: Logger;
  /**
   * Where a reply that missed the budget and could not be delivered is reported: the logger when one was given, else
   * stderr, so a lost answer is never silent.
   */
  readonly lostReplyLogger: Logger;
  readonly observer: ResolvedObserver;
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
 * settings.maxBodyBytes; // 131072
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
  checkMessageMode(options);
  const slow = options.slow ?? defaultSlowStrategies(options.lateReply !== undefined);
  checkSlow(slow);
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const { replayGuard, refusalLogIntervalMs } = options;
  const observer = resolveObserver(options.observe, logger);
  const slowAnswers = slow.length > 0 ? new SlowAnswers() : undefined;
  const settings: WebhookSettings = {
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
    messageMode: options.messageMode,
    replayGuard: replayGuard === false ? undefined : new ReplayGuard(replayGuard ?? {}),
    refusals: new RefusalLog({
      logger,
      now,
      onRefusal: observer.onReject,
      ...(refusalLogIntervalMs === undefined ? {} : { intervalMs: refusalLogIntervalMs }),
    }),
    replyBudgetMs: options.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS,
    dedup: options.dedup === false ? undefined : (options.dedup ?? new MemoryDedup({ now, logger })),
    lateReply: options.lateReply,
    slow,
    slowAnswers,
    pull: {
      text: options.pull?.text ?? DEFAULT_PULL_TEXT,
      moreText: options.pull?.moreText ?? DEFAULT_PULL_MORE_TEXT,
      ttlMs: options.pull?.ttlMs ?? DEFAULT_PULL_TTL_MS,
    },
    answers: options.answers ?? new MemoryAnswerStore({ now }),
    journal: options.journal,
    typing: options.typing,
    wechatTimeoutMs: options.wechatTimeoutMs ?? 5000,
    middleware: app instanceof Router ? app.middleware() : app,
    logger,
    lostReplyLogger: options.logger ?? stderrWarnings,
    observer,
    now,
  };
  slowAnswers?.bind(settings);
  return settings;
}

/** Known strategy names, each once. */
function checkSlow(slow: readonly SlowStrategy[]): void {
  for (const [i, name] of slow.entries()) {
    if (!SLOW_STRATEGIES.includes(name))
      throw new WeChatError(
        'CONFIG_INVALID',
        `slow: "${String(name)}" is not a strategy (one of ${SLOW_STRATEGIES.join(', ')})`,
      );
    if (slow.indexOf(name) !== i) throw new WeChatError('CONFIG_INVALID', `slow: "${name}" is listed twice`);
  }
}

/** A message mode must be one of the console's, and safe mode needs the key to read anything. */
function checkMessageMode(options: WebhookOptions): void {
  const mode = options.messageMode;
  if (mode === undefined) return;
  if (!(ENCRYPTION_MODES as readonly string[]).includes(mode))
    throw new WeChatError('CONFIG_INVALID', `messageMode must be one of ${ENCRYPTION_MODES.join(', ')}`);
  if (mode === 'safe' && !options.encodingAESKey)
    throw new WeChatError('CONFIG_INVALID', 'safe mode needs the EncodingAESKey', {
      hint: 'Set WECHAT_ENCODING_AES_KEY (and WECHAT_APPID)',
    });
}
