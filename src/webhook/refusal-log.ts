/**
 * Refusals counted, and logged at most once per reason per interval: a flood of bad requests (275 823 warn lines in
 * one red-team run, one per refused push) becomes one line per reason a minute, carrying how many were refused since
 * the last line. The counts are kept for a metrics endpoint to read.
 * @module
 */
import type { Logger } from '../logger.js';

/**
 * Default spacing of the log lines of one refusal reason.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', refusalLogIntervalMs: DEFAULT_REFUSAL_LOG_INTERVAL_MS / 6 });
 * ```
 */
export const DEFAULT_REFUSAL_LOG_INTERVAL_MS = 60_000;

interface Tally {
  total: number;
  /** Refusals since the last line. */
  unlogged: number;
  loggedAt: number;
}

/**
 * Counts refusals by reason (their `WeChatError` code) and logs each reason at most once per interval.
 *
 * @example
 * ```ts
 * const refusals = new RefusalLog({ logger, now: Date.now });
 * refusals.note('SIGNATURE_INVALID', 401, 'invalid signature', 'POST');
 * refusals.counts(); // { SIGNATURE_INVALID: 1 }
 * ```
 */
export class RefusalLog {
  readonly #tallies = new Map<string, Tally>();
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #intervalMs: number;
  readonly #onRefusal: (code: string) => void;

  constructor(options: {
    logger: Logger;
    now: () => number;
    intervalMs?: number;
    /** Told of every refusal (metrics). */
    onRefusal?: (code: string) => void;
  }) {
    this.#logger = options.logger;
    this.#onRefusal = options.onRefusal ?? (() => undefined);
    this.#now = options.now;
    this.#intervalMs = options.intervalMs ?? DEFAULT_REFUSAL_LOG_INTERVAL_MS;
  }

  /** Counts one refusal; logs it (with the count since the last line) when its reason was not logged lately. */
  note(code: string, status: number, reason: string, method: string): void {
    const now = this.#now();
    let tally = this.#tallies.get(code);
    if (tally === undefined) {
      tally = { total: 0, unlogged: 0, loggedAt: Number.NEGATIVE_INFINITY };
      this.#tallies.set(code, tally);
    }
    tally.total += 1;
    tally.unlogged += 1;
    this.#onRefusal(code);
    if (now - tally.loggedAt < this.#intervalMs) return;
    this.#logger.warn(
      { code, status, method, reason, count: tally.unlogged, total: tally.total },
      'push refused',
    );
    tally.unlogged = 0;
    tally.loggedAt = now;
  }

  /** Refusals so far, by reason. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [code, tally] of this.#tallies) counts[code] = tally.total;
    return counts;
  }
}
