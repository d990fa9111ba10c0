/**
 * Retry deduplication shared by several webhook instances through Redis. WeChat retries a push it got no answer to
 * within 5 s, and behind a load balancer the retry may reach another instance: the first instance to claim the push
 * runs the handler and stores the reply; the others wait for it (up to `waitMs`) and answer the same.
 * @module
 */
import { silentLogger, type Logger } from '../logger.js';
import { connectRedis } from '../redis-connection.js';
import { fromNodeRedis } from '../token/stores/node-redis.js';
import type { RedisLike } from '../token/stores/redis.js';
import { MemoryDedup, type Dedup } from '../webhook/dedup.js';

const PENDING = 'pending';

/** Settings of {@link RedisDedup}. */
export interface RedisDedupOptions {
  redis: RedisLike;
  /** Key prefix; default `wxmp:dedup:`. */
  prefix?: string;
  /** How long a push is remembered; default 60 s (WeChat's three attempts span ~15 s). */
  ttlMs?: number;
  /** How long a retry waits for another instance's answer; default 4 s (WeChat gives up after 5). */
  waitMs?: number;
  /** Poll interval while waiting; default 50 ms. */
  pollMs?: number;
  /** What a retry answers when the other instance is still busy after `waitMs`; default `success`. */
  whilePending?: unknown;
  logger?: Logger;
  /**
   * Told when a push is answered from another instance's claim (a retry that reached this instance first): the
   * webhook's own duplicate count only sees retries of pushes this instance ran.
   */
  onShared?: () => void;
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
  private readonly whilePending: unknown;
  private readonly logger: Logger;
  private readonly onShared: () => void;

  constructor(options: RedisDedupOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'wxmp:dedup:';
    this.ttlMs = options.ttlMs ?? 60_000;
    this.waitMs = options.waitMs ?? 4_000;
    this.pollMs = options.pollMs ?? 50;
    this.whilePending = options.whilePending ?? { type: 'success' };
    this.logger = options.logger ?? silentLogger;
    this.onShared = options.onShared ?? (() => undefined);
    this.local = new MemoryDedup({ ttlMs: this.ttlMs });
  }

  run<T>(key: string, work: () => T | Promise<T>): { value: T | Promise<T>; attempt: number } {
    return this.local.run(key, () => this.claim(key, work));
  }

  private async claim<T>(key: string, work: () => T | Promise<T>): Promise<T> {
    const redisKey = this.prefix + key;
    let owner: boolean;
    try {
      owner = await this.redis.set(redisKey, PENDING, { pxMs: this.ttlMs, onlyIfAbsent: true });
    } catch (err) {
      this.logger.warn({ err, key }, 'dedup store unreachable; handling the push here');
      return work();
    }
    if (!owner) {
      this.onShared();
      return this.awaitOther<T>(redisKey, key);
    }
    const value = await work();
    try {
      await this.redis.set(redisKey, JSON.stringify({ value }), { pxMs: this.ttlMs });
    } catch (err) {
      this.logger.warn({ err, key }, 'dedup store unreachable; the reply is not shared');
    }
    return value;
  }

  private async awaitOther<T>(redisKey: string, key: string): Promise<T> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      let stored: string | null;
      try {
        stored = await this.redis.get(redisKey);
      } catch {
        stored = null;
      }
      if (stored !== null && stored !== PENDING) return (JSON.parse(stored) as { value: T }).value;
      if (Date.now() >= deadline) break;
      await sleep(this.pollMs);
    }
    this.logger.info({ key }, 'retry answered while another instance still handles the push');
    return this.whilePending as T;
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
  options: Pick<RedisDedupOptions, 'onShared'> = {},
): { dedup: RedisDedup; close: () => Promise<void> } {
  const { client, close } = connectRedis(url, { logger, purpose: 'dedup' });
  return {
    dedup: new RedisDedup({ redis: fromNodeRedis(client), logger, ...options }),
    close,
  };
}
