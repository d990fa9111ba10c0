/**
 * Messages between the bench runner and its hand-written and bare server children.
 * @module
 */

/** What a server child says once it listens. */
export interface ReadyMessage {
  type: 'ready';
  port: number;
}

/** A server's counters, reported on request (and once more before it exits). */
export interface ServerStats {
  type: 'stats';
  /** Pushes that reached the bot (wxmp only; 0 for the bare server). */
  handlerRuns: number;
  /** Calls to the webhook's dedup; equal to `handlerRuns` when nothing was served from a cache. */
  dedupCalls: number;
  /** User + system CPU time so far, in ms. */
  cpuMs: number;
  /** Peak resident set size so far, in MB (`process.resourceUsage().maxRSS`). */
  maxRssMB: number;
}

/** Runner → server. */
export type ServerCommand = { type: 'stats' } | { type: 'exit' };
