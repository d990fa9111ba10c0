/**
 * Deduplication of WeChat's retries: WeChat waits 5 s, then sends the same push again (3 attempts in all, so the
 * last one arrives ~10-15 s after the first). A retry that arrives while the first attempt still runs waits for the
 * same answer; one that arrives later gets the same answer again, and the handler runs once.
 *
 * What is remembered is only what a retry needs: the push's key (`dedupKey`) and the rendered answer, as bytes in
 * a few preallocated buffers (see {@link MemoryDedup}). Nothing of the push itself (its body, its parsed message,
 * the handler's reply object) outlives the request, and remembering a push allocates no object that lives on.
 * @module
 */
import { silentLogger, type Logger } from '../logger.js';
import { Generation, hashKey, SLOT_BYTES } from './dedup-generation.js';
import type { MaybePromise } from './maybe-promise.js';

/**
 * Remembers the answer to each push for a while. The answer is the rendered reply as WeChat receives it before any
 * encryption (XML, `success`, or the empty string): a retry is sealed afresh, with its own nonce.
 *
 * @example
 * ```ts
 * const dedup: Dedup = new MemoryDedup({ ttlMs: 20_000 });
 * dedup.run('msg:123', () => '<xml>…</xml>'); // { value: '<xml>…</xml>', attempt: 1 }
 * dedup.run('msg:123', () => 'never runs'); // { value: '<xml>…</xml>', attempt: 2 }
 * ```
 */
export interface Dedup {
  /**
   * Runs `work` for the first attempt of `key`; later attempts share its answer (the string, or a promise of it
   * while the first attempt still runs). `attempt` counts from 1.
   *
   * `probe`: other keys of a shared store a dedup may look up with its claim, in the same round trip; `work` is
   * then told whether any of them exists (`found`), else `found` is `undefined` (a dedup in memory ignores them).
   */
  run(
    key: string,
    work: DedupWork,
    probe?: readonly string[],
  ): { value: MaybePromise<string>; attempt: number };
}

/**
 * The first attempt's work given to {@link Dedup.run}: the push's rendered answer. `found` says whether a key of its
 * `probe` exists, when the dedup looked them up. `firstSeenMs` is set when a dedup shared by several instances runs
 * the work again because the instance that claimed the push went away (when that claim was made, in ms): WeChat's
 * attempts are then counted from it, not from now.
 *
 * @example
 * ```ts
 * const dedup: Dedup = new MemoryDedup();
 * const work: DedupWork = (found) => (found === true ? 'from the store' : 'success');
 * dedup.run('msg:1', work, ['wxmp:slow:kept:oFan']); // { value: 'success', attempt: 1 }: memory does not probe
 * ```
 */
export type DedupWork = (found?: boolean, firstSeenMs?: number) => MaybePromise<string>;

/** Settings of {@link MemoryDedup}. */
export interface MemoryDedupOptions {
  /**
   * How long an answer is remembered at least; default {@link DEFAULT_DEDUP_TTL_MS} (20 s: WeChat's three attempts
   * span ~10-15 s). An answer is forgotten between `ttlMs` and `ttlMs × 4/3` after it was given.
   */
  ttlMs?: number;
  /**
   * Memory for remembered answers, in bytes (keys, answers and their index); default
   * {@link DEFAULT_DEDUP_MAX_BYTES}. Allocated a quarter at a time as traffic needs it, and never more.
   */
  maxBytes?: number;
  /** Clock in ms, for tests. */
  now?: () => number;
  /** Says at debug level when pushes could not be remembered because the budget was full. */
  logger?: Logger;
}

/** What a {@link MemoryDedup} holds now, for a metrics endpoint. */
export interface MemoryDedupStats {
  /** Answers remembered. */
  entries: number;
  /** Bytes they take in the buffers (keys and answers, with a 9-byte header each). */
  bytes: number;
  /** Answers not remembered since the start because the byte budget was full (their pushes were still answered). */
  notRemembered: number;
  /** First attempts still running (a retry of one waits for its answer). */
  inFlight: number;
}

/**
 * Default {@link MemoryDedupOptions.ttlMs}: 20 s.
 *
 * @example
 * ```ts
 * new MemoryDedup({ ttlMs: DEFAULT_DEDUP_TTL_MS * 2 });
 * ```
 */
export const DEFAULT_DEDUP_TTL_MS = 20_000;

/**
 * Default {@link MemoryDedupOptions.maxBytes}: 32 MiB, ~100,000 echoed text answers: every push of 5,000 a second
 * for the whole TTL.
 *
 * @example
 * ```ts
 * new MemoryDedup({ maxBytes: DEFAULT_DEDUP_MAX_BYTES / 4 });
 * ```
 */
export const DEFAULT_DEDUP_MAX_BYTES = 32 * 1024 * 1024;

/** Time buckets: entries of the oldest are forgotten together, so each lives at least 3 bucket spans. */
const GENERATIONS = 4;
/** The index gets this share of a generation's budget; the buffer of keys and answers the rest. */
const INDEX_SHARE = 1 / 8;

/**
 * In-process dedup, bounded in memory by design. Answers go into 4 time buckets, each `ttlMs / 3` long; when the
 * newest is `ttlMs / 3` old, the oldest is emptied and becomes the newest, so an answer is remembered for at least
 * `ttlMs` and at most `ttlMs × 4/3`. Each bucket is one preallocated buffer of keys and answers plus an index of
 * integers (a quarter of `maxBytes` in all): a push allocates nothing that outlives it, and the collector has nothing
 * to walk. When the newest bucket is full, new pushes are still answered, just not remembered (a retry of one then
 * runs the handler again): counted in `stats().notRemembered` and said at debug level, once per bucket.
 *
 * A retry arriving while the first attempt still runs (an asynchronous handler) waits for the same answer.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', dedup: new MemoryDedup({ ttlMs: 30_000, maxBytes: 64 * 1024 * 1024 }) });
 * ```
 */
export class MemoryDedup implements Dedup {
  readonly ttlMs: number;
  readonly maxBytes: number;
  private readonly spanMs: number;
  private readonly generations: Generation[];
  /** Index of the newest generation in `generations`. */
  private current = 0;
  private readonly inFlight = new Map<string, { value: Promise<string>; attempts: number }>();
  private readonly now: () => number;
  private readonly logger: Logger;
  private notRemembered = 0;
  /** Whether the newest generation has already said it is full. */
  private saidFull = false;

  constructor(options: MemoryDedupOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_DEDUP_TTL_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_DEDUP_MAX_BYTES;
    if (!(this.ttlMs >= 0) || !(this.maxBytes >= 0)) throw new RangeError('ttlMs and maxBytes must be ≥ 0');
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.spanMs = this.ttlMs / (GENERATIONS - 1);
    const perGeneration = this.maxBytes / GENERATIONS;
    // A power of two, so the slot is a mask of the hash.
    const slots = 2 ** Math.max(3, Math.floor(Math.log2((perGeneration * INDEX_SHARE) / SLOT_BYTES)));
    // Offsets are stored as int32 (plus one), so one buffer stays under 2 GiB.
    const dataBytes = Math.min(2 ** 31 - 2, Math.max(0, Math.floor(perGeneration - slots * SLOT_BYTES)));
    const started = this.now();
    this.generations = Array.from({ length: GENERATIONS }, () => new Generation(dataBytes, slots));
    for (const generation of this.generations) generation.startedAt = started;
  }

  run(key: string, work: DedupWork): { value: MaybePromise<string>; attempt: number } {
    const running = this.inFlight.get(key);
    if (running) return { value: running.value, attempt: ++running.attempts };
    const now = this.now();
    this.rotate(now);
    const hash = hashKey(key);
    for (let age = 0; age < GENERATIONS; age++) {
      const generation = this.generations[(this.current - age + GENERATIONS) % GENERATIONS]!;
      const at = generation.find(key, hash);
      if (at >= 0) {
        const { answer, attempt } = generation.hit(at);
        return { value: answer, attempt };
      }
    }
    const value = work();
    if (typeof value === 'string') {
      this.remember(key, hash, value, 1);
      return { value, attempt: 1 };
    }
    const entry = { value, attempts: 1 };
    this.inFlight.set(key, entry);
    // A failed first attempt is not remembered: WeChat's retry runs the handler again.
    value.then(
      (answer) => {
        this.inFlight.delete(key);
        this.rotate(this.now());
        this.remember(key, hash, answer, entry.attempts);
      },
      () => this.inFlight.delete(key),
    );
    return { value, attempt: 1 };
  }

  /**
   * What it holds now.
   *
   * @example
   * ```ts
   * const dedup = new MemoryDedup();
   * dedup.run('msg:1', () => 'success');
   * dedup.stats(); // { entries: 1, bytes: 21, notRemembered: 0, inFlight: 0 }
   * ```
   */
  stats(): MemoryDedupStats {
    let entries = 0;
    let bytes = 0;
    for (const generation of this.generations) {
      entries += generation.entries;
      bytes += generation.used;
    }
    return { entries, bytes, notRemembered: this.notRemembered, inFlight: this.inFlight.size };
  }

  private remember(key: string, hash: number, answer: string, attempts: number): void {
    if (this.ttlMs === 0) return;
    if (this.generations[this.current]!.add(key, hash, answer, attempts)) return;
    this.notRemembered++;
    if (this.saidFull) return;
    this.saidFull = true;
    this.logger.debug(
      { maxBytes: this.maxBytes, ttlMs: this.ttlMs },
      'dedup budget full: new pushes are answered but not remembered until the oldest answers expire',
    );
  }

  /** Empties the oldest generation for each bucket span since the newest started (all of them after a long idle). */
  private rotate(now: number): void {
    const newest = this.generations[this.current]!;
    const elapsed = now - newest.startedAt;
    if (elapsed < this.spanMs) return;
    // Spans are counted from the newest's start (not from now), so no answer outlives ttlMs × 4/3.
    const steps = this.spanMs > 0 ? Math.floor(elapsed / this.spanMs) : GENERATIONS;
    const startedAt = this.spanMs > 0 ? newest.startedAt + steps * this.spanMs : now;
    for (let i = 0; i < Math.min(steps, GENERATIONS); i++) {
      this.current = (this.current + 1) % GENERATIONS;
      this.generations[this.current]!.clear(startedAt);
    }
    this.saidFull = false;
  }
}
