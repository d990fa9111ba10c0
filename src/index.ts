/**
 * wxmp: the backend of a WeChat Official Account in TypeScript.
 *
 * The exports are named one by one, grouped by what a bot's author does with them, so the public surface is
 * reviewed here rather than inherited from the modules (`test/unit/public-surface.test.ts` holds the list). The
 * building blocks behind them (the XML parser and builder, AES and PKCS#7, rendering replies, the webhook's steps)
 * stay inside the package.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { Router, createWebhook, reply } from 'wxmp';
 * import { nodeHandler } from 'wxmp/adapters/node';
 * const bot = new Router();
 * bot.on('text', (ctx) => reply.text(ctx.message.content));
 * createServer(nodeHandler(createWebhook(bot, { token: process.env.WECHAT_TOKEN! }))).listen(3000);
 * ```
 * @module
 */

// The webhook: the framework-free core an adapter serves, its options and their defaults, and, for an adapter of
// your own, the request and answer it exchanges (`tooLarge` is the answer past the body limit).
export {
  createWebhook,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_REPLY_BUDGET_MS,
  DEFAULT_TIMESTAMP_WINDOW_SEC,
  type Webhook,
  type WebhookOptions,
} from './webhook/handler.js';
// Hooks for metrics (the `observe` option): pushes, handler runs, duplicates, refusals, answers by `via`.
export type { AnswerVia, WebhookObserver } from './webhook/observer.js';
// What the webhook does with a handler slower than WeChat's 5 s (the `slow`, `answers` and `journal` options).
export {
  DEFAULT_PULL_MORE_TEXT,
  DEFAULT_PULL_TEXT,
  DEFAULT_PULL_TTL_MS,
  parseSlowStrategies,
  SLOW_STRATEGIES,
  type SlowStrategy,
} from './webhook/slow/strategy.js';
export { MemoryAnswerStore, type AnswerStore, type Outcome } from './webhook/slow/answer-store.js';
export type { Journal, JournalEntry } from './webhook/slow/journal.js';
export { MAX_TEXT_REPLY_BYTES, splitText } from './webhook/slow/split-text.js';
export { tooLarge, type WebhookRequest, type WebhookResponse } from './webhook/http.js';

// Deduplication of WeChat's retries (the `dedup` option); `RedisDedup` in `wxmp/services` shares it across instances.
export {
  DEFAULT_DEDUP_MAX_BYTES,
  DEFAULT_DEDUP_TTL_MS,
  MemoryDedup,
  type Dedup,
  type DedupWork,
  type MemoryDedupOptions,
  type MemoryDedupStats,
} from './webhook/dedup.js';

// Routing: the router, middleware and their context; queries narrow `ctx.message` when the code compiles.
export { Router, type HandlerResult, type Middleware, type Next, type Trigger } from './webhook/router.js';
export type { Context } from './webhook/context.js';
export {
  customEvent,
  type CustomEventQuery,
  type FilterQuery,
  type KnownQuery,
  type MessageOf,
} from './webhook/filter.js';

// Messages: what a fan's WeChat sends (`ctx.message`), and the parser for a push's XML read elsewhere.
export { parseMessage } from './messages/parse.js';
export type {
  ImageMessage,
  LinkMessage,
  LocationMessage,
  Message,
  MessageBase,
  ShortVideoMessage,
  TextMessage,
  UnknownMessage,
  UserMessage,
  UserMessageBase,
  VideoMessage,
  VoiceMessage,
} from './messages/types.js';
export type {
  ClickEvent,
  CopyrightCheckItem,
  EventBase,
  EventMessage,
  EventOf,
  KfSessionEvent,
  KfSwitchSessionEvent,
  KnownEventName,
  LocationEvent,
  LocationSelectEvent,
  MassSendJobFinishEvent,
  PicEvent,
  PublishJobFinishEvent,
  ScanCodeEvent,
  ScanEvent,
  SubscribeEvent,
  SubscribeMsgChangeEvent,
  SubscribeMsgPopupEvent,
  SubscribeMsgSentEvent,
  TemplateSendJobFinishEvent,
  UnknownEvent,
  UnsubscribeEvent,
  VerifyExpiryEvent,
  VerifyFailEvent,
  ViewEvent,
  ViewMiniprogramEvent,
} from './messages/event-types.js';
// Every message keeps the fields it was sent with in `raw`, as parsed XML.
export type { XmlElement, XmlValue } from './xml/parse.js';

// Replies: what a handler returns.
export { MAX_NEWS_ARTICLES, reply } from './replies/reply.js';
export type { NewsArticle, Reply, ReplyValue } from './replies/types.js';

// Crypto: WeChat's signatures and message encryption, for code that speaks the protocol itself.
export { computeMsgSignature, computeSignature, signatureMatches } from './crypto/signature.js';
export { MessageCrypto } from './crypto/message-crypto.js';
export { openEnvelope, sealEnvelope, type EnvelopeKeys } from './crypto/envelope.js';

// Errors: one base with a stable `code`; WeChat's own errcodes as `WeChatApiError`.
export { WeChatApiError, WeChatError, type WeChatErrorCode, type WeChatErrorOptions } from './errors.js';

// Logging: the interface every `logger` option takes, pino with wxmp's redactions, and the silent default.
export { createLogger, silentLogger, type Logger } from './logger.js';
