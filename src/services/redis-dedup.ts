/**
 * Retry deduplication shared by several webhook instances through Redis. WeChat retries a push it got no answer to
 * within 5 s, and behind a load balancer the retry may reach another instance: the first instance to claim the push
 * runs the handler and stores the answer; the others wait for it (up to `waitMs`) and answer the same.
 *
 * One round trip on the way of a push, shared with the other pushes of the moment: the claims made in one turn of
 * the event loop (and, under load, while the previous script is on its way) go out together in one script (`GET`,
 * else `SET … PX` of a pending mark, per key; with `probes`, whether the fan has a pulled answer waiting, so that a
 * push needs no other round trip), with the answers finished since the last one (stored without anyone waiting:
 * the answer goes out at once). Under load that is one script for dozens of pushes, where a command per claim and
 * per answer took ~50 µs of CPU per push on node-redis (bench: 133 µs/push against 75 without Redis). Retries that
 * reach the same instance are answered from memory without Redis. All keys of a script must live on one Redis node
 * (a single Redis, or in a cluster prefixes with one hash tag, such as `{wxmp}:dedup:` and `{wxmp}:slow:`).
 * @module
 */
import { silentLogger, type Logger } from '../logger.js';
import { connectRedis } from '../redis-connection.js';
import { fromNodeRedis } from '../token/stores/node-redis.js';
import type { RedisLike } from '../token/stores/redis.js';
import { DEFAULT_DEDUP_TTL_MS, MemoryDedup, type Dedup, type DedupWork } from '../webhook/dedup.js';
import type { MaybePromise } from '../webhook/maybe-promise.js';

/**
 * Stored while the claiming instance still runs the handler (no answer starts with a NUL), then `:` and when the
 * push was first claimed (ms): an instance taking over a lapsed claim goes on counting WeChat's attempts from there.
 * Marks without the time (set by wxmp 0.1.0, during a rolling deploy) are still pending marks.
 */
const PENDING = '\u0000pending';

/** When the push of a pending mark was first claimed, if the mark says. */
function firstSeenOf(mark: string): number | undefined {
  if (mark.charAt(PENDING.length) !== ':') return undefined;
  const ms = Number(mark.slice(PENDING.length + 1));
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/**
 * Claims KEYS[1..c] (c = ARGV[2]; claim i with its pending mark ARGV[4+c+i], on a lease of ARGV[3] ms) where free,
 * answering what is stored for the others, and for each claimed key how many of its probe keys exist (EXISTS); then
 * stores the answers ARGV[4+2c+j] under the a = ARGV[4] keys that follow the claims (expiry ARGV[1] ms). The probe
 * keys come last in KEYS, ARGV[4+i] of them for claim i. A script, so each claim and read is atomic, and the whole
 * batch is one round trip.
 */
const BATCH_SCRIPT = `
local claims, answers = tonumber(ARGV[2]), tonumber(ARGV[4])
local out = {}
local probe = claims + answers
for i = 1, claims do
  local n = tonumber(ARGV[4 + i])
  local stored = redis.call('GET', KEYS[i])
  if stored then out[i] = stored else
    redis.call('SET', KEYS[i], ARGV[4 + claims + i], 'PX', ARGV[3])
    out[i] = 0
    if n > 0 then out[i] = redis.call('EXISTS', unpack(KEYS, probe + 1, probe + n)) end
  end
  probe = probe + n
end
for i = 1, answers do redis.call('SET', KEYS[claims + i], ARGV[4 + 2 * claims + i], 'PX', ARGV[1]) end
return out`;

/** Extends a pending mark's lease while its owner still works on the push (and only while it is still pending). */
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const NO_PROBE: readonly string[] = [];

/** Keys per script at most (a longer batch goes out as several scripts). */
const MAX_BATCH = 256;

interface Claim {
  key: string;
  /** The pending mark this claim sets. */
  mark: string;
  probe: readonly string[];
  /** What is stored under the key, else (claimed) how many probe keys exist. */
  resolve: (stored: string | number) => void;
  reject: (err: unknown) => void;
}

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
  /**
   * Memory for answers remembered in this process (see `MemoryDedup`); default 8 MiB: Redis keeps every answer, the
   * local copy only spares Redis the retries that come back to the same instance.
   */
  localMaxBytes?: number;
  /**
   * How long a claim holds without its owner renewing it (every third of it, while the handler runs); default 3 s.
   * An instance that dies mid-handler leaves its claim behind: once the lease lapses, WeChat's retry is handled by
   * whichever instance it reaches, instead of being answered `whilePending` until the push is forgotten.
   */
  leaseMs?: number;
  logger?: Logger;
  /**
   * Told when a push is answered from another instance's claim (a retry that reached this instance first): the
   * webhook's own duplicate count only sees retries of pushes this instance ran.
   */
  onShared?: () => void;
  /**
   * Whether the keys a push asks to probe (the slow-handler answer store's keys of the fan: see `Dedup.run`) live in
   * this Redis, and in a cluster in the slot of the dedup's keys; default false. Then each claim also tells the push
   * whether the fan has an answer kept or expected, sparing the store a round trip per push. `wxmp serve` sets it:
   * dedup and answers share `REDIS_URL`.
   */
  probes?: boolean;
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
  private claims: Claim[] = [];
  private answers: { key: string; answer: string }[] = [];
  private flushing = false;
  /**
   * A batch is on its way: what comes meanwhile waits for its reply and goes in the next, so under load batches grow
   * instead of writes (each write to Redis is a syscall, ~10% of the CPU of `wxmp serve` with REDIS_URL in a profile).
   */
  private sending = false;
  private readonly onShared: () => void;
  private readonly leaseMs: number;
  private readonly probes: boolean;

  constructor(options: RedisDedupOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'wxmp:dedup:';
    this.ttlMs = options.ttlMs ?? DEFAULT_DEDUP_TTL_MS;
    this.waitMs = options.waitMs ?? 4_000;
    this.pollMs = options.pollMs ?? 50;
    this.whilePending = options.whilePending ?? 'success';
    this.logger = options.logger ?? silentLogger;
    this.onShared = options.onShared ?? (() => undefined);
    this.leaseMs = options.leaseMs ?? 3_000;
    this.probes = options.probes ?? false;
    this.local = new MemoryDedup({
      ttlMs: this.ttlMs,
      logger: this.logger,
      maxBytes: options.localMaxBytes ?? 8 * 1024 * 1024,
    });
  }

  run(
    key: string,
    work: DedupWork,
    probe?: readonly string[],
  ): { value: MaybePromise<string>; attempt: number } {
    const probed = this.probes && probe !== undefined ? probe : NO_PROBE;
    return this.local.run(key, () => this.claim(key, work, probed));
  }

  /** `firstSeenMs`: set when taking over the lapsed claim of an instance that went away (see `DedupWork`). */
  private async claim(
    key: string,
    work: DedupWork,
    probe: readonly string[],
    firstSeenMs?: number,
  ): Promise<string> {
    const redisKey = this.prefix + key;
    const mark = `${PENDING}:${firstSeenMs ?? Date.now()}`;
    let stored: string | number;
    try {
      stored = await new Promise<string | number>((resolve, reject) => {
        this.claims.push({ key: redisKey, mark, probe, resolve, reject });
        this.schedule();
      });
    } catch (err) {
      this.logger.warn({ err, key }, 'dedup store unreachable; handling the push here');
      return work(undefined, firstSeenMs);
    }
    if (typeof stored === 'string') {
      this.onShared();
      return stored.startsWith(PENDING) ? this.awaitOther(redisKey, key, work, probe, stored) : stored;
    }
    const found = probe.length > 0 ? stored > 0 : undefined;
    const answer = work(found, firstSeenMs);
    // A synchronous answer (the common case) needs no lease renewal and no further promise.
    return this.store(
      redisKey,
      typeof answer === 'string' ? answer : await this.holding(redisKey, mark, answer),
    );
  }

  /** Not awaited: the answer goes out now, and to Redis with the next batch. */
  private store(redisKey: string, answer: string): string {
    this.answers.push({ key: redisKey, answer });
    this.schedule();
    return answer;
  }

  /** Sends what accumulated in this turn of the event loop, once the turn's I/O callbacks have all run. */
  private schedule(): void {
    if (this.flushing || this.sending) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.claims.length === 0 && this.answers.length === 0) return;
    this.sending = true;
    const claims = this.claims.splice(0, MAX_BATCH);
    const answers = this.answers.splice(0, MAX_BATCH - claims.length);
    const keys = claims.map((c) => c.key);
    const args = [String(this.ttlMs), String(claims.length), String(this.leaseMs), String(answers.length)];
    for (const claim of claims) args.push(String(claim.probe.length));
    for (const claim of claims) args.push(claim.mark);
    for (const { key, answer } of answers) {
      keys.push(key);
      args.push(answer);
    }
    for (const claim of claims) keys.push(...claim.probe);
    this.redis
      .eval(BATCH_SCRIPT, keys, args)
      .then(
        (reply) => {
          const stored = Array.isArray(reply) ? reply : [];
          claims.forEach((claim, i) => {
            const value: unknown = stored[i];
            claim.resolve(typeof value === 'string' ? value : Number(value) || 0);
          });
        },
        (err: unknown) => {
          for (const claim of claims) claim.reject(err);
          if (answers.length > 0)
            this.logger.warn({ err, answers: answers.length }, 'dedup store unreachable; replies not shared');
        },
      )
      .finally(() => {
        this.sending = false;
        this.schedule();
      })
      .catch(() => undefined);
  }

  /** Waits for `answer`, renewing the claim's lease until it settles. */
  private async holding(redisKey: string, mark: string, answer: Promise<string>): Promise<string> {
    const renew = setInterval(() => {
      this.redis
        .eval(RENEW_SCRIPT, [redisKey], [mark, String(this.leaseMs)])
        .catch((err: unknown) => this.logger.debug({ err }, 'dedup lease not renewed'));
    }, this.leaseMs / 3);
    renew.unref();
    try {
      return await answer;
    } finally {
      clearInterval(renew);
    }
  }

  private async awaitOther(
    redisKey: string,
    key: string,
    work: DedupWork,
    probe: readonly string[],
    mark: string,
  ): Promise<string> {
    const deadline = Date.now() + this.waitMs;
    let pending = mark;
    for (;;) {
      await sleep(this.pollMs);
      let stored: string | null;
      try {
        stored = await this.redis.get(redisKey);
      } catch {
        stored = null;
      }
      if (stored === null) {
        // The claim's lease lapsed: its instance died (or lost Redis) before answering. Handle the push here.
        this.logger.info({ key }, 'the instance handling this push went away; handling it here');
        return this.claim(key, work, probe, firstSeenOf(pending));
      }
      if (!stored.startsWith(PENDING)) return stored;
      pending = stored;
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
  options: Pick<RedisDedupOptions, 'onShared' | 'probes' | 'prefix'> = {},
): { dedup: RedisDedup; close: () => Promise<void>; ready: () => boolean } {
  const { client, close } = connectRedis(url, { logger, purpose: 'dedup' });
  return {
    dedup: new RedisDedup({ redis: fromNodeRedis(client), logger, ...options }),
    close,
    // Whether the connection is up now (for /healthz): node-redis reconnects by itself.
    ready: () => client.isReady,
  };
}
