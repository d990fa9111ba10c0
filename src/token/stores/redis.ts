/**
 * The shared store: tokens, the refresh lock and the upstream call cap live in Redis, so any number of processes
 * behave as one token client.
 *
 * It speaks to Redis through {@link RedisLike}, three methods any client can provide (node-redis via
 * `fromNodeRedis`, ioredis with a few lines, see docs/token.md). Every command has a deadline, so a hung Redis
 * turns into an error the manager can fall back from instead of a caller waiting forever.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { errorMessage, WeChatError } from '../../errors.js';
import type { TokenRecord, TokenStore } from '../store.js';

/**
 * The Redis commands the store needs. Adapters map them onto a client library.
 */
export interface RedisLike {
  /** `GET key`. */
  get(key: string): Promise<string | null>;
  /** `SET key value PX pxMs [NX]`; true when the value was written. */
  set(key: string, value: string, options: { pxMs: number; onlyIfAbsent?: boolean }): Promise<boolean>;
  /** `EVAL script numkeys keys… args…`. */
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  /** Closes the connection; called by the store's `close()` only when the store owns the client. */
  close?(): Promise<void>;
}

/**
 * Options of {@link createRedisStore}.
 */
export interface RedisStoreOptions {
  /** The client. */
  redis: RedisLike;
  /** Prefix of every key; default `wxmp:`. Different prefixes never see each other's tokens. */
  prefix?: string;
  /** Deadline of one command; default 1000 ms. */
  commandTimeoutMs?: number;
  /** Whether `close()` closes the client too; default false (the caller opened it, the caller closes it). */
  ownsClient?: boolean;
}

// Compare-and-delete: drop the record only while it still holds the token the caller saw rejected.
const DELETE_IF_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, rec = pcall(cjson.decode, raw)
if ok and type(rec) == 'table' and rec.value == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// Release the lock only while we still own it; a holder whose lock expired must not free its successor's lock.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// Sliding-window log in a sorted set scored by call time: drop calls older than the window, then admit one more
// only below the limit. One script, so concurrent processes cannot both take the last slot.
const TAKE_SLOT_SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return 1`;

/** The calls in a takeSlot window: expired ones dropped, the rest counted. */
const COUNT_SLOTS_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
return redis.call('ZCARD', KEYS[1])`;

/**
 * Creates a store on Redis.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { fromNodeRedis } from './node-redis.js';
 * const client = createClient({ url: process.env.REDIS_URL!, disableOfflineQueue: true });
 * await client.connect();
 * const store = createRedisStore({ redis: fromNodeRedis(client), prefix: 'myapp:' });
 * ```
 */
export function createRedisStore(options: RedisStoreOptions): TokenStore {
  const { redis } = options;
  const prefix = options.prefix ?? 'wxmp:';
  const timeoutMs = options.commandTimeoutMs ?? 1000;
  const run = <T>(what: string, command: () => Promise<T>): Promise<T> =>
    withDeadline(what, command, timeoutMs);

  return {
    async get(key) {
      const raw = await run('GET', () => redis.get(prefix + key));
      return raw === null ? undefined : decode(raw);
    },
    async set(key, record, ttlMs) {
      const body = JSON.stringify({
        value: record.value,
        expiresAt: record.expiresAt,
        fetchedAt: record.fetchedAt,
      });
      await run('SET', () => redis.set(prefix + key, body, { pxMs: Math.max(1, Math.ceil(ttlMs)) }));
    },
    async deleteIf(key, value) {
      return Number(await run('EVAL', () => redis.eval(DELETE_IF_SCRIPT, [prefix + key], [value]))) === 1;
    },
    acquireLock(key, owner, ttlMs) {
      return run('SET NX', () =>
        redis.set(prefix + key, owner, { pxMs: Math.max(1, Math.ceil(ttlMs)), onlyIfAbsent: true }),
      );
    },
    async releaseLock(key, owner) {
      await run('EVAL', () => redis.eval(RELEASE_SCRIPT, [prefix + key], [owner]));
    },
    async takeSlot(key, limit, windowMs, now) {
      const member = `${now}:${randomBytes(6).toString('hex')}`;
      const args = [String(now), String(windowMs), String(limit), member];
      return Number(await run('EVAL', () => redis.eval(TAKE_SLOT_SCRIPT, [prefix + key], args))) === 1;
    },
    async countSlots(key, windowMs, now) {
      const args = [String(now), String(windowMs)];
      return Number(await run('EVAL', () => redis.eval(COUNT_SLOTS_SCRIPT, [prefix + key], args)));
    },
    async close() {
      if (options.ownsClient) await redis.close?.();
    },
  };
}

function decode(raw: string): TokenRecord | undefined {
  try {
    const r = JSON.parse(raw) as Record<string, unknown>;
    if (
      typeof r['value'] === 'string' &&
      typeof r['expiresAt'] === 'number' &&
      typeof r['fetchedAt'] === 'number'
    ) {
      return { value: r['value'], expiresAt: r['expiresAt'], fetchedAt: r['fetchedAt'] };
    }
  } catch {
    // fall through: an unreadable record is treated as no record, so the manager fetches a good one
  }
  return undefined;
}

function withDeadline<T>(what: string, command: () => Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new WeChatError('STORE_ERROR', `Redis ${what} took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
    let pending: Promise<T>;
    try {
      pending = command();
    } catch (err) {
      pending = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(new WeChatError('STORE_ERROR', `Redis ${what} failed: ${errorMessage(err)}`, { cause: err }));
      },
    );
  });
}
