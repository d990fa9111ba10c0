/**
 * What `wxmp serve` opens for its configuration, each piece only when configured: the bot, customer service (with
 * the AppSecret) and the state shared through Redis or kept on this machine (dedup, readiness, the slow handlers'
 * answers and journal). The API client, the token manager and node-redis add ~20 MB of RSS to a process that needs
 * none of them, so they are imported only here, on demand (`wxmp serve` with a Token only: 88 → 67 MB peak RSS at
 * start).
 * @module
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configError, type WxmpEnv } from '../config.js';
import { exampleBots } from '../examples/index.js';
import type { Logger } from '../logger.js';
import type { Reply } from '../replies/types.js';
import type { Message } from '../messages/types.js';
import type { TokenManager } from '../token/manager.js';
import { DEFAULT_JOURNAL_PATH, FileJournal } from '../services/file-journal.js';
import type { ReadinessProbe } from '../services/metrics/readiness.js';
import type { UpstreamMetrics } from '../services/metrics/upstream-metrics.js';
import type { RedisDedup } from '../services/redis-dedup.js';
import type { AnswerStore } from '../webhook/slow/answer-store.js';
import type { Journal } from '../webhook/slow/journal.js';
import { parseSlowStrategies, type SlowStrategy } from '../webhook/slow/strategy.js';
import { Router, type Middleware } from '../webhook/router.js';
import { parseCount } from './options.js';

async function loadHandler(file: string): Promise<Router | Middleware> {
  const url = pathToFileURL(resolve(file)).href;
  let mod: { default?: unknown };
  try {
    mod = (await import(url)) as { default?: unknown };
  } catch (err) {
    configError(
      '--handler',
      `could not be loaded from ${file}: ${(err as Error).message} (for .ts files run with node --import tsx)`,
    );
  }
  const exported = mod.default;
  if (exported instanceof Router || typeof exported === 'function') return exported as Router | Middleware;
  if (exported && typeof (exported as Router).middleware === 'function')
    return (exported as Router).middleware();
  return configError('--handler', `${file} must export default a Router or a middleware function`);
}

/**
 * The bot of `wxmp serve`: `--example NAME` (default `echo`), or `--handler FILE`; `name` is the example's.
 *
 * @example
 * ```ts
 * const { app, name } = await serveApp({ example: 'echo' }); // name: 'echo'
 * ```
 */
export async function serveApp(opts: {
  example?: string;
  handler?: string;
}): Promise<{ app: Router | Middleware; name: string | undefined }> {
  if (opts.example && opts.handler) configError('--example', 'and --handler cannot be used together');
  const name = opts.example ?? (opts.handler ? undefined : 'echo');
  if (name === undefined) return { app: await loadHandler(opts.handler!), name };
  const factory = exampleBots[name];
  if (!factory)
    configError('--example', `must be one of ${Object.keys(exampleBots).join(', ')}, got "${name}"`);
  return { app: factory(), name };
}

/**
 * `--slow`, else `WXMP_SLOW`, parsed (undefined when neither is set: the default applies).
 *
 * @example
 * ```ts
 * slowStrategiesOf('stretch,pull'); // ['stretch', 'pull']
 * ```
 */
export function slowStrategiesOf(flag: string | undefined): SlowStrategy[] | undefined {
  const list = flag ?? process.env['WXMP_SLOW'];
  if (list === undefined || list === '') return undefined;
  return parseSlowStrategies(list, flag === undefined ? 'WXMP_SLOW' : '--slow');
}

/** What customer service gives `wxmp serve` when the AppSecret is configured (all undefined otherwise). */
export interface CustomerService {
  tokens: TokenManager | undefined;
  lateReply: ((message: Message, reply: Reply) => Promise<void>) | undefined;
  typing: ((openid: string) => Promise<void>) | undefined;
}

/**
 * With `WECHAT_APPID` and `WECHAT_APPSECRET`: a token manager, and answers that miss WeChat's 5 s window sent as
 * customer-service messages (with the typing indicator); every call to WeChat measured for `/metrics`.
 *
 * @example
 * ```ts
 * import { cliEnv } from './options.js';
 * import { createMetricsRegistry } from '../services/metrics/registry.js';
 * import { UpstreamMetrics } from '../services/metrics/upstream-metrics.js';
 * const service = await customerServiceFromEnv(cliEnv(), logger, new UpstreamMetrics(createMetricsRegistry()));
 * await service.tokens?.close();
 * ```
 */
export async function customerServiceFromEnv(
  env: WxmpEnv,
  logger: Logger,
  upstream: UpstreamMetrics,
): Promise<CustomerService> {
  if (!env.appId || !env.appSecret) return { tokens: undefined, lateReply: undefined, typing: undefined };
  const fetch = upstream.measure(globalThis.fetch.bind(globalThis));
  const tokens = (await import('../token/from-env.js')).createTokenManagerFromEnv(env, { logger, fetch });
  const client = (await import('../api/client.js')).createApiClient({
    tokenProvider: tokens,
    apiBase: env.apiBase,
    logger,
    fetch,
    onRetry: (endpoint, reason) => upstream.retry(endpoint, reason),
  });
  const { lateReplyViaCustomerService, typingViaCustomerService } = await import('../services/late-reply.js');
  return {
    tokens,
    lateReply: lateReplyViaCustomerService(client, logger),
    typing: typingViaCustomerService(client),
  };
}

/** The state `wxmp serve` keeps beyond one push, and how to release it. */
export interface ServingState {
  /** Retry dedup through Redis (with `REDIS_URL`); in memory otherwise (the webhook's default). */
  shared: { dedup: RedisDedup; ready: () => boolean } | undefined;
  readiness: ReadinessProbe;
  answers: AnswerStore | undefined;
  journal: Journal | undefined;
  close(): Promise<void>;
}

/**
 * Behind a load balancer WeChat's retry may reach another instance: with `REDIS_URL`, dedup, the slow handlers'
 * answers and the journal live in Redis (`WXMP_REDIS_PREFIX` keeps deployments sharing one Redis apart; the
 * journal's consumer is `WXMP_INSTANCE`, else host:port). Without it, the journal is a file (`--journal`,
 * `WXMP_JOURNAL`). No strategies, no journal.
 *
 * @example
 * ```ts
 * import { cliEnv } from './options.js';
 * const state = await servingStateFromEnv(cliEnv(), { slow: ['stretch', 'pull'], port: 3000, logger });
 * await state.close();
 * ```
 */
export async function servingStateFromEnv(
  env: WxmpEnv,
  options: {
    slow: readonly SlowStrategy[];
    port: number;
    journalFile?: string | undefined;
    logger: Logger;
    onShared?: () => void;
  },
): Promise<ServingState> {
  const { logger, slow } = options;
  const url = env.redisUrl;
  const redisPrefix = process.env['WXMP_REDIS_PREFIX'] ?? 'wxmp:';
  const shared = url
    ? (await import('../services/redis-dedup.js')).redisDedupFromUrl(url, logger, {
        prefix: `${redisPrefix}dedup:`,
        // The answer store below shares this Redis: a claim also tells whether the fan has an answer to pull.
        probes: true,
        ...(options.onShared ? { onShared: options.onShared } : {}),
      })
    : undefined;
  const readiness: ReadinessProbe = url
    ? (await import('../services/metrics/readiness.js')).readinessProbe(url, logger)
    : { check: () => Promise.resolve({ ready: true, checks: {} }), close: () => Promise.resolve() };
  const answers =
    url && slow.length > 0
      ? (await import('../services/redis-answer-store.js')).redisAnswerStoreFromUrl(url, logger, {
          prefix: `${redisPrefix}slow:`,
        })
      : undefined;
  let journal: Journal | undefined;
  if (slow.length > 0)
    journal = url
      ? (await import('../services/redis-journal.js')).redisJournalFromUrl(url, {
          consumer: process.env['WXMP_INSTANCE'] ?? `${hostname()}:${options.port}`,
          prefix: `${redisPrefix}journal`,
          logger,
          ...claimIdle(),
        })
      : new FileJournal({
          path: options.journalFile ?? process.env['WXMP_JOURNAL'] ?? DEFAULT_JOURNAL_PATH,
          logger,
        });
  return {
    shared,
    readiness,
    answers,
    journal,
    async close() {
      await shared?.close();
      await readiness.close();
    },
  };
}

/** `WXMP_JOURNAL_CLAIM_MS`: how long a silent instance's journal entries wait before another claims them. */
function claimIdle(): { claimIdleMs?: number } {
  const ms = parseCount(process.env['WXMP_JOURNAL_CLAIM_MS'], 'WXMP_JOURNAL_CLAIM_MS');
  return ms === undefined ? {} : { claimIdleMs: ms };
}
