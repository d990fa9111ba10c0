/**
 * Deduplication of WeChat's retries: WeChat waits 5 s, then sends the same push again (3 attempts in all). A retry
 * that arrives while the first attempt still runs waits for the same result; one that arrives later gets the same
 * answer again, and the handler runs once.
 * @module
 */

/**
 * Remembers the answer to each push for a while.
 *
 * @example
 * ```ts
 * const dedup: Dedup = new MemoryDedup({ ttlMs: 60_000 });
 * dedup.run('msg:123', () => 'first answer'); // { value: 'first answer', attempt: 1 }
 * dedup.run('msg:123', () => 'never runs'); // { value: 'first answer', attempt: 2 }
 * ```
 */
export interface Dedup {
  /**
   * Runs `work` for the first attempt of `key`; later attempts share its result (a value, or a promise while it
   * runs). `attempt` counts from 1.
   */
  run<T>(key: string, work: () => T | Promise<T>): { value: T | Promise<T>; attempt: number };
}

interface Entry {
  value: unknown;
  attempts: number;
  expiresAt: number;
}

/**
 * In-process dedup with a time-to-live and a size cap (oldest entries go first).
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', dedup: new MemoryDedup({ ttlMs: 30_000, maxEntries: 50_000 }) });
 * ```
 */
export class MemoryDedup implements Dedup {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {
    // WeChat's three attempts span ~15 s; a minute covers slow networks with room to spare.
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  run<T>(key: string, work: () => T | Promise<T>): { value: T | Promise<T>; attempt: number } {
    const now = this.now();
    const existing = this.entries.get(key);
    if (existing && existing.expiresAt > now) {
      existing.attempts += 1;
      return { value: existing.value as T | Promise<T>, attempt: existing.attempts };
    }
    this.evict(now);
    const value = work();
    this.entries.set(key, { value, attempts: 1, expiresAt: now + this.ttlMs });
    return { value, attempt: 1 };
  }

  private evict(now: number): void {
    // Map iterates in insertion order, so expired and oldest entries come first.
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
