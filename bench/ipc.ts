/**
 * Messages between the bench runner and its child processes (servers on one core, load generator on the other).
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

/** Runner → load generator: a request pool to keep, or a run against one. */
export type LoadCommand =
  | { type: 'pool'; name: string; requests: { path: string; body: string }[] }
  | { type: 'run'; name: string; url: string; connections: number; durationSec: number }
  | { type: 'exit' };

/** Load generator → runner: one run's numbers. */
export interface LoadResult {
  type: 'result';
  /** Completed responses per second over the run. */
  reqPerSec: number;
  completed: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** CPU the load generator used during the run, as a share of one core (1 = saturated: the numbers are its limit). */
  cpuShare: number;
}

/** Load generator → runner when a run failed. */
export interface LoadFailure {
  type: 'error';
  message: string;
}
