/**
 * node-redis (`redis` v5) behind {@link RedisLike}, and a store opened straight from a `REDIS_URL`.
 * @module
 */
import { createHash } from 'node:crypto';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { connectRedis, type RedisConnection } from '../../redis-connection.js';
import type { TokenStore } from '../store.js';
import { createRedisStore, type RedisLike } from './redis.js';

/**
 * The part of a node-redis client the adapter uses; a `createClient()` result fits.
 */
export interface NodeRedisClientLike {
  get(key: string): Promise<unknown>;
  set(
    key: string,
    value: string,
    options: { expiration: { type: 'PX'; value: number }; condition?: 'NX' },
  ): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /** `EVALSHA`: when present, a script is sent by its SHA-1 once Redis has it cached. */
  evalSha?(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  close(): Promise<unknown>;
}

/**
 * Adapts a node-redis v5 client to {@link RedisLike}. Create the client with `disableOfflineQueue: true` so that,
 * while Redis is down, commands fail at once and the manager serves its cached token instead of queueing.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { createRedisStore } from './redis.js';
 * const client = createClient({ url: process.env.REDIS_URL!, disableOfflineQueue: true });
 * await client.connect();
 * const store = createRedisStore({ redis: fromNodeRedis(client) });
 * ```
 */
export function fromNodeRedis(client: NodeRedisClientLike): RedisLike {
  const shas = new Map<string, string>();
  return {
    async get(key) {
      const value = await client.get(key);
      return typeof value === 'string' ? value : null;
    },
    async set(key, value, { pxMs, onlyIfAbsent }) {
      const expiration = { type: 'PX', value: pxMs } as const;
      const reply = await client.set(
        key,
        value,
        onlyIfAbsent ? { expiration, condition: 'NX' } : { expiration },
      );
      return reply === 'OK';
    },
    eval(script, keys, args) {
      const options = { keys, arguments: args };
      if (client.evalSha === undefined) return client.eval(script, options);
      // By SHA-1, loading the script once (EVAL) where Redis does not have it: a batched dedup claim sent its ~900
      // bytes with each batch, 11% of the CPU of `wxmp serve` with REDIS_URL in a profile under load.
      let sha = shas.get(script);
      if (sha === undefined) shas.set(script, (sha = createHash('sha1').update(script).digest('hex')));
      return client.evalSha(sha, options).catch((err: unknown) => {
        if (!errorMessage(err).startsWith('NOSCRIPT')) throw err;
        return client.eval(script, options);
      });
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * Options of {@link createRedisStoreFromUrl}.
 */
export interface RedisUrlStoreOptions {
  /** Key prefix; default `wxmp:`. */
  prefix?: string;
  /** Deadline of one command (and of waiting for the first connection); default 1000 ms. */
  commandTimeoutMs?: number;
  /** Where connection problems are reported (once per outage, not once per retry). */
  logger?: Logger;
}

/**
 * Opens a node-redis client on `url` (see `connectRedis`) and returns a store that owns it (`close()` closes the
 * connection).
 *
 * The client reconnects by itself; while it is down, commands fail fast (no offline queue) and the manager falls
 * back to its cached token. Commands issued before the first connection wait for it, within the command deadline.
 *
 * @example
 * ```ts
 * const store = createRedisStoreFromUrl(process.env.REDIS_URL!, { prefix: 'wxmp:' });
 * ```
 */
export function createRedisStoreFromUrl(url: string, options: RedisUrlStoreOptions = {}): TokenStore {
  const connection = connectRedis(url, options.logger ? { logger: options.logger } : {});
  return createRedisStore({
    redis: afterFirstAttempt(fromNodeRedis(connection.client), connection),
    ownsClient: true,
    ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
    ...(options.commandTimeoutMs !== undefined ? { commandTimeoutMs: options.commandTimeoutMs } : {}),
  });
}

/**
 * Commands issued before the first connection attempt settles wait for it; after that they go straight to the
 * client, which fails them at once while Redis is down (no offline queue). `close()` is the connection's.
 */
function afterFirstAttempt(adapter: RedisLike, connection: RedisConnection): RedisLike {
  let settled = false;
  void connection.firstAttempt.then(() => {
    settled = true;
  });
  const ready = async (): Promise<void> => {
    if (!settled) await connection.firstAttempt;
  };
  return {
    async get(key) {
      await ready();
      return adapter.get(key);
    },
    async set(key, value, opts) {
      await ready();
      return adapter.set(key, value, opts);
    },
    async eval(script, keys, args) {
      await ready();
      return adapter.eval(script, keys, args);
    },
    close: connection.close,
  };
}
