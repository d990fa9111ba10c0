/**
 * Where the slow-handler strategies keep what several attempts (and instances) must agree on: the handler's answer
 * to a push, the one outcome of the push (answered passively, or acknowledged and delivered by customer service or
 * pull), and the answers a fan pulls with the next message. In memory here; `RedisAnswerStore` (`wxmp/services`)
 * shares them across instances.
 * @module
 */
import type { Reply } from '../../replies/types.js';

/**
 * How a push ends: `passive` (an attempt answered with the handler's reply) or the fallback an attempt chose when
 * the answer was not ready in time.
 *
 * @example
 * ```ts
 * const store = new MemoryAnswerStore();
 * const outcome: Outcome = await store.settle('msg:42', 'pull', 60_000);
 * if (outcome === 'passive') console.log('an attempt answers with the reply');
 * ```
 */
export type Outcome = 'passive' | 'customer-service' | 'pull' | 'none';

/**
 * The store behind the strategies. Every method may be called from several attempts at once; `settle` decides once.
 *
 * @example
 * ```ts
 * const store: AnswerStore = new MemoryAnswerStore();
 * await store.putAnswer('msg:42', { type: 'text', content: 'hi' }, 60_000);
 * await store.awaitAnswer('msg:42', 0); // { type: 'text', content: 'hi' }
 * ```
 */
export interface AnswerStore {
  /** Whether what is kept survives a restart (Redis); a journal entry of a kept answer is finished only then. */
  readonly durable?: boolean;
  /** Publishes the handler's answer to push `key`. */
  putAnswer(key: string, reply: Reply, ttlMs: number): Promise<void>;
  /** The answer of `key`: at once if published, else when it is, or `undefined` after `waitMs` (or `signal`). */
  awaitAnswer(key: string, waitMs: number, signal?: AbortSignal): Promise<Reply | undefined>;
  /** Sets the outcome of `key` unless one is set, and returns the outcome in force (the first one set). */
  settle(key: string, outcome: Outcome, ttlMs: number): Promise<Outcome>;
  /** Appends replies the fan gets one by one as the passive reply to their next messages; ends any expectation. */
  keepForFan(openid: string, replies: Reply[], ttlMs: number): Promise<void>;
  /** Marks that an answer for the fan is being worked on (push `key`), until it is kept or `ttlMs` passes. */
  expectForFan(openid: string, key: string, ttlMs: number): Promise<void>;
  /**
   * Takes the fan's next kept reply, if any (`more`: whether others follow); else the key of an answer being
   * worked on for them, if any.
   */
  takeForFan(openid: string): Promise<{ reply: Reply; more: boolean } | { expecting: string } | undefined>;
  /**
   * A synchronous hint: `false` when the fan surely has nothing kept or expected (a push then needs no store
   * round trip). Stores that cannot tell leave it out.
   */
  mightHoldFor?(openid: string): boolean;
  /**
   * The store's keys of the fan (kept answers, expectation) in a Redis it shares with a `RedisDedup` (`probes`):
   * the dedup's claim tells whether any exists, the same hint as `mightHoldFor` without a round trip of its own.
   */
  presenceKeys?(openid: string): readonly string[];
  /** Releases connections. */
  close(): Promise<void>;
}

const MAX_KEPT_PER_FAN = 32;

interface Timed<T> {
  value: T;
  expiresAt: number;
}

/**
 * In-process {@link AnswerStore} (one instance; lost on restart, which the journal covers by answering again).
 * Entries expire after their TTL; `maxEntries` bounds each table (oldest first).
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', answers: new MemoryAnswerStore({ maxEntries: 10_000 }) });
 * ```
 */
export class MemoryAnswerStore implements AnswerStore {
  private readonly answers = new Map<string, Timed<Reply>>();
  private readonly outcomes = new Map<string, Timed<Outcome>>();
  private readonly kept = new Map<string, Timed<Reply[]>>();
  private readonly expecting = new Map<string, Timed<string>>();
  private readonly waiters = new Map<string, Set<(reply: Reply) => void>>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(options: { now?: () => number; maxEntries?: number } = {}) {
    this.now = options.now ?? Date.now;
    // Each table: 20 000 entries (an answer is a few hundred bytes to 2 KB), whatever the traffic.
    this.maxEntries = options.maxEntries ?? 20_000;
  }

  putAnswer(key: string, reply: Reply, ttlMs: number): Promise<void> {
    this.set(this.answers, key, reply, ttlMs);
    const waiting = this.waiters.get(key);
    this.waiters.delete(key);
    for (const wake of waiting ?? []) wake(reply);
    return Promise.resolve();
  }

  awaitAnswer(key: string, waitMs: number, signal?: AbortSignal): Promise<Reply | undefined> {
    const ready = this.get(this.answers, key);
    if (ready !== undefined || waitMs <= 0 || signal?.aborted) return Promise.resolve(ready);
    return new Promise((resolve) => {
      let waiting = this.waiters.get(key);
      if (!waiting) this.waiters.set(key, (waiting = new Set()));
      const set = waiting;
      const done = (reply: Reply | undefined) => {
        clearTimeout(timer);
        set.delete(wake);
        signal?.removeEventListener('abort', abort);
        resolve(reply);
      };
      const wake = (reply: Reply) => done(reply);
      const abort = () => done(undefined);
      const timer = setTimeout(() => done(undefined), waitMs);
      set.add(wake);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  settle(key: string, outcome: Outcome, ttlMs: number): Promise<Outcome> {
    const existing = this.get(this.outcomes, key);
    if (existing !== undefined) return Promise.resolve(existing);
    this.set(this.outcomes, key, outcome, ttlMs);
    return Promise.resolve(outcome);
  }

  keepForFan(openid: string, replies: Reply[], ttlMs: number): Promise<void> {
    const list = this.get(this.kept, openid) ?? [];
    // At most MAX_KEPT_PER_FAN replies wait for one fan (the newest): a bound per fan, whatever they send.
    if (replies.length > 0)
      this.set(this.kept, openid, [...list, ...replies].slice(-MAX_KEPT_PER_FAN), ttlMs);
    this.expecting.delete(openid);
    return Promise.resolve();
  }

  expectForFan(openid: string, key: string, ttlMs: number): Promise<void> {
    this.set(this.expecting, openid, key, ttlMs);
    return Promise.resolve();
  }

  takeForFan(openid: string): Promise<{ reply: Reply; more: boolean } | { expecting: string } | undefined> {
    const list = this.get(this.kept, openid);
    if (list !== undefined && list.length > 0) {
      const [reply, ...rest] = list as [Reply, ...Reply[]];
      if (rest.length === 0) this.kept.delete(openid);
      else this.kept.set(openid, { value: rest, expiresAt: this.kept.get(openid)!.expiresAt });
      return Promise.resolve({ reply, more: rest.length > 0 });
    }
    const key = this.get(this.expecting, openid);
    return Promise.resolve(key === undefined ? undefined : { expecting: key });
  }

  mightHoldFor(openid: string): boolean {
    return this.kept.has(openid) || this.expecting.has(openid);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private get<T>(table: Map<string, Timed<T>>, key: string): T | undefined {
    const entry = table.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.now()) return entry.value;
    table.delete(key);
    return undefined;
  }

  private set<T>(table: Map<string, Timed<T>>, key: string, value: T, ttlMs: number): void {
    table.delete(key);
    if (table.size >= this.maxEntries) {
      // Insertion order: the oldest entry goes first.
      const oldest = table.keys().next();
      if (!oldest.done) table.delete(oldest.value);
    }
    table.set(key, { value, expiresAt: this.now() + ttlMs });
  }
}
