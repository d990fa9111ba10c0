/**
 * The slow-handler strategies' shared state in Redis, so several webhook instances agree on each push: the handler's
 * answer (an attempt on another instance answers with it), the one outcome (`SET NX`), and the answers kept for a
 * fan to pull (a list per fan).
 * @module
 */
import { silentLogger, type Logger } from '../logger.js';
import { connectRedis, type RedisClient } from '../redis-connection.js';
import type { Reply } from '../replies/types.js';
import type { AnswerStore, Outcome } from '../webhook/slow/answer-store.js';

/** Settings of {@link RedisAnswerStore}. */
export interface RedisAnswerStoreOptions {
  client: RedisClient;
  /** Key prefix; default `wxmp:slow:`. */
  prefix?: string;
  /** How often a waiting attempt looks for the answer; default 50 ms. */
  pollMs?: number;
  /** Closes the client on `close()`; default false. */
  ownsClient?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An {@link AnswerStore} shared through Redis.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * import { connectRedis } from '../redis-connection.js';
 * const { client } = connectRedis(process.env.REDIS_URL!, { purpose: 'answers' });
 * createWebhook(bot, { token: 'AAAAA', answers: new RedisAnswerStore({ client }) });
 * ```
 */
export class RedisAnswerStore implements AnswerStore {
  readonly durable = true;
  private readonly client: RedisClient;
  private readonly prefix: string;
  private readonly pollMs: number;
  private readonly ownsClient: boolean;

  constructor(options: RedisAnswerStoreOptions) {
    this.client = options.client;
    this.prefix = options.prefix ?? 'wxmp:slow:';
    this.pollMs = options.pollMs ?? 50;
    this.ownsClient = options.ownsClient ?? false;
  }

  async putAnswer(key: string, reply: Reply, ttlMs: number): Promise<void> {
    await this.command(['SET', `${this.prefix}answer:${key}`, JSON.stringify(reply), 'PX', String(ttlMs)]);
  }

  async awaitAnswer(key: string, waitMs: number, signal?: AbortSignal): Promise<Reply | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const stored = await this.command(['GET', `${this.prefix}answer:${key}`]);
      if (typeof stored === 'string') return JSON.parse(stored) as Reply;
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) return undefined;
      await sleep(Math.min(this.pollMs, left));
    }
  }

  async settle(key: string, outcome: Outcome, ttlMs: number): Promise<Outcome> {
    // SET NX GET (Redis 7): nil when this call set it, else the outcome already in force.
    const previous = await this.command([
      'SET',
      `${this.prefix}outcome:${key}`,
      outcome,
      'NX',
      'GET',
      'PX',
      String(ttlMs),
    ]);
    return typeof previous === 'string' ? (previous as Outcome) : outcome;
  }

  async keepForFan(openid: string, replies: Reply[], ttlMs: number): Promise<void> {
    const list = this.keptKey(openid);
    if (replies.length > 0) {
      await this.command(['RPUSH', list, ...replies.map((r) => JSON.stringify(r))]);
      // The newest 32 wait for one fan, whatever they send (as in memory).
      await this.command(['LTRIM', list, '-32', '-1']);
      await this.command(['PEXPIRE', list, String(ttlMs)]);
    }
    await this.command(['DEL', this.expectKey(openid)]);
  }

  async expectForFan(openid: string, key: string, ttlMs: number): Promise<void> {
    await this.command(['SET', this.expectKey(openid), key, 'PX', String(ttlMs)]);
  }

  async takeForFan(
    openid: string,
  ): Promise<{ reply: Reply; more: boolean } | { expecting: string } | undefined> {
    const list = this.keptKey(openid);
    const first = await this.command(['LPOP', list]);
    if (typeof first === 'string') {
      const left = await this.command(['LLEN', list]);
      return { reply: JSON.parse(first) as Reply, more: Number(left) > 0 };
    }
    const key = await this.command(['GET', this.expectKey(openid)]);
    return typeof key === 'string' ? { expecting: key } : undefined;
  }

  presenceKeys(openid: string): readonly string[] {
    return [this.keptKey(openid), this.expectKey(openid)];
  }

  /** The fan's kept answer parts (a list): named once, for the commands above and the dedup's probe alike. */
  private keptKey(openid: string): string {
    return `${this.prefix}kept:${openid}`;
  }

  /** The key of the answer the fan waits for while it is worked on. */
  private expectKey(openid: string): string {
    return `${this.prefix}expect:${openid}`;
  }

  async close(): Promise<void> {
    if (this.ownsClient && this.client.isOpen) await this.client.close();
  }

  private command(args: string[]): Promise<unknown> {
    return this.client.sendCommand(args);
  }
}

/**
 * A {@link RedisAnswerStore} on its own connection to `url`.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * const answers = redisAnswerStoreFromUrl(process.env.REDIS_URL!, logger);
 * createWebhook(bot, { token: 'AAAAA', slow: ['stretch', 'pull'], answers });
 * ```
 */
export function redisAnswerStoreFromUrl(
  url: string,
  logger: Logger = silentLogger,
  options: { prefix?: string } = {},
): RedisAnswerStore {
  const { client } = connectRedis(url, { logger, purpose: 'answers' });
  return new RedisAnswerStore({ client, ownsClient: true, ...options });
}
