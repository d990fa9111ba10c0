/**
 * One way to open a node-redis connection from a `REDIS_URL`, shared by the token store (`token/stores/node-redis`)
 * and the webhook's Redis dedup (`services/redis-dedup`). It sits at the top of `src`, beside `logger` and `errors`,
 * because `token` may import nothing above it and `services` imports `token`: both can reach this file.
 * @module
 */
import { createClient } from 'redis';
import { errorMessage } from './errors.js';
import { silentLogger, type Logger } from './logger.js';

/**
 * A node-redis client as {@link connectRedis} creates it.
 */
export type RedisClient = ReturnType<typeof createClient>;

/**
 * Options of {@link connectRedis}.
 */
export interface RedisConnectionOptions {
  /** Where connection problems are reported: once per outage, not once per reconnect attempt. */
  logger?: Logger;
  /** What the connection is for (`dedup`, …), added to its log lines as `purpose`. */
  purpose?: string;
}

/**
 * An open (or opening) connection: the client, when its first attempt settled, and a way to close it.
 *
 * @example
 * ```ts
 * const connection: RedisConnection = connectRedis(process.env.REDIS_URL!);
 * await connection.firstAttempt;
 * ```
 */
export interface RedisConnection {
  /** Connecting in the background and reconnecting by itself; while down its commands fail at once. */
  client: RedisClient;
  /** Settles (never rejects) once the first connection attempt succeeded or failed. */
  firstAttempt: Promise<void>;
  /** Closes the connection: waits for pending replies when connected, stops a reconnect loop at once; idempotent. */
  close: () => Promise<void>;
}

/**
 * The wait before reconnect attempt `retries`: 50 ms doubling up to 2 s, so a short blip heals fast and an outage
 * costs one attempt every 2 s.
 *
 * @example
 * ```ts
 * redisReconnectDelay(0); // 50
 * redisReconnectDelay(10); // 2000
 * ```
 */
export function redisReconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** retries, 2000);
}

/**
 * Opens a node-redis client on `url` without waiting for it. Commands are never queued while Redis is down
 * (`disableOfflineQueue`): they fail at once, so callers fall back (cached token, local dedup) instead of hanging.
 * A malformed `url` throws node-redis's `TypeError` (`Invalid URL`, `Invalid protocol`) right here.
 *
 * @example
 * ```ts
 * const { client, close } = connectRedis(process.env.REDIS_URL!, { logger, purpose: 'dedup' });
 * await client.set('greeting', 'hi').catch(() => undefined);
 * await close();
 * ```
 */
export function connectRedis(url: string, options: RedisConnectionOptions = {}): RedisConnection {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: redisReconnectDelay },
  });
  reportOutages(client, options.logger ?? silentLogger, options.purpose);
  const firstAttempt = new Promise<void>((resolve) => {
    client.once('ready', () => resolve());
    client.once('error', () => resolve());
  });
  // Never rejects: a failed first attempt is retried by the reconnect strategy.
  void client.connect().catch(() => undefined);
  return {
    client,
    firstAttempt,
    close: async () => {
      if (!client.isOpen) return;
      // close() waits for pending replies; destroy() is the only way out while a reconnect loop is running.
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}

/** Logs the start and the end of each outage; node-redis also needs an `error` listener not to crash. */
function reportOutages(client: RedisClient, logger: Logger, purpose: string | undefined): void {
  const context = purpose === undefined ? {} : { purpose };
  let down = false;
  client.on('error', (err: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ ...context, err: errorMessage(err) }, 'redis unreachable; retrying');
  });
  client.on('ready', () => {
    if (down) logger.info(context, 'redis reachable again');
    down = false;
  });
}
