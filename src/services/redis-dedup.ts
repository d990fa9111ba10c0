/**
 * Retry deduplication shared by several webhook instances through Redis. WeChat retries a push it got no answer to
 * within 5 s, and behind a load balancer the retry may reach another instance: the first instance to claim the push
 * runs the handler and stores the answer; the others wait for it (up to `waitMs`) and answer the same.
 *
 * One round trip on the way of a push: a script claims the push or returns what is stored (`SET NX` + `GET` in one
 * `EVAL`). The claiming instance then stores its answer with a `SET` it does not wait for (the answer goes out at
 * once). Retries that reach the same instance are answered from memory without Redis.
 * @module
 */
import { silentLogger, type Logger } from '../logger.js';
import { connectRedis } from '../redis-connection.js';
import { fromNodeRedis } from '../token/stores/node-redis.js';
import type { RedisLike } from '../token/stores/redis.js';
import { DEFAULT_DEDUP_TTL_MS, MemoryDedup, type Dedup } from '../webhook/dedup.js';
import type { MaybePromise } from '../webhook/maybe-promise.js';

/** Stored while the claiming instance still runs the handler; no answer starts with a NUL. */
const PENDING = '\u0000pending';

/**
 * Claims KEYS[1] (value ARGV[1], expiry ARGV[2] ms) when it is free and returns nil; else returns what it holds.
 * A script, so the claim and the read are one round trip and no other client runs in between.
 */
const CLAIM_SCRIPT = `
local stored = redis.call('GET', KEYS[1])
if stored then return stored end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;

/** Settings of {@link RedisDedup}. */
export interface RedisDedupOptions {
  redis: RedisLike;
  /** Key prefix; default `wxmp:dedup:`. */
  prefix?: string;
  /** How long a push is remembered; default 20 s (WeChat's three attempts span ~10-15 s). */
  ttlMs?: number;
  /** How long a retry waits for another instance's answer; default 4 s (WeChat gives up after 5). */
  waitMs?: number;
  /** Poll interval while waiting; default 50 ms. */
  pollMs?: number;
  /** What a retry answers when the other instance is still busy after `waitMs`; default `success`. */
  whilePending?: string;
  /** Memory for answers remembered in this process (see `MemoryDedup`); default 32 MiB. */
  localMaxBytes?: number;
  logger?: Logger;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A `Dedup` for `createWebhook` that works across processes and machines. Retries reaching the same instance are
 * joined in memory first; Redis errors never lose a push (the instance then handles it itself).
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { createWebhook } from 'wxmp';
 * import { fromNodeRedis } from 'wxmp/token';
 * const client = await createClient({ url: process.env.REDIS_URL!, disableOfflineQueue: true }).connect();
 * createWebhook(bot, { token: 'AAAAA', dedup: new RedisDedup({ redis: fromNodeRedis(client) }) });
 * ```
 */
export class RedisDedup implements Dedup {
  private readonly local: MemoryDedup;
  private readonly redis: RedisLike;
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly whilePending: string;
  private readonly logger: Logger;

  constructor(options: RedisDedupOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'wxmp:dedup:';
    this.ttlMs = options.ttlMs ?? DEFAULT_DEDUP_TTL_MS;
    this.waitMs = options.waitMs ?? 4_000;
    this.pollMs = options.pollMs ?? 50;
    this.whilePending = options.whilePending ?? 'success';
    this.logger = options.logger ?? silentLogger;
    this.local = new MemoryDedup({
      ttlMs: this.ttlMs,
      logger: this.logger,
      ...(options.localMaxBytes === undefined ? {} : { maxBytes: options.localMaxBytes }),
    });
  }

  run(key: string, work: () => MaybePromise<string>): { value: MaybePromise<string>; attempt: number } {
    return this.local.run(key, () => this.claim(key, work));
  }

  private async claim(key: string, work: () => MaybePromise<string>): Promise<string> {
    const redisKey = this.prefix + key;
    let stored: unknown;
    try {
      stored = await this.redis.eval(CLAIM_SCRIPT, [redisKey], [PENDING, String(this.ttlMs)]);
    } catch (err) {
      this.logger.warn({ err, key }, 'dedup store unreachable; handling the push here');
      return work();
    }
    if (typeof stored === 'string') return stored === PENDING ? this.awaitOther(redisKey, key) : stored;
    const answer = await work();
    // Not awaited: the answer goes out now; a retry at another instance polls until it lands.
    this.redis.set(redisKey, answer, { pxMs: this.ttlMs }).catch((err: unknown) => {
      this.logger.warn({ err, key }, 'dedup store unreachable; the reply is not shared');
    });
    return answer;
  }

  private async awaitOther(redisKey: string, key: string): Promise<string> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      await sleep(this.pollMs);
      let stored: string | null;
      try {
        stored = await this.redis.get(redisKey);
      } catch {
        stored = null;
      }
      if (stored !== null && stored !== PENDING) return stored;
      if (Date.now() >= deadline) break;
    }
    this.logger.info({ key }, 'retry answered while another instance still handles the push');
    return this.whilePending;
  }
}

/**
 * A `RedisDedup` on its own connection to `url` (see `connectRedis`), and a way to close it. While Redis is down,
 * commands fail at once (no offline queue) and each instance handles its pushes itself.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * const { dedup, close } = redisDedupFromUrl(process.env.REDIS_URL!, logger);
 * createWebhook(bot, { token: 'AAAAA', dedup });
 * ```
 */
export function redisDedupFromUrl(
  url: string,
  logger: Logger = silentLogger,
): { dedup: RedisDedup; close: () => Promise<void> } {
  const { client, close } = connectRedis(url, { logger, purpose: 'dedup' });
  return {
    dedup: new RedisDedup({ redis: fromNodeRedis(client), logger }),
    close,
  };
}
