/**
 * What the steps of the slow-handler strategies share (`SlowAnswers` holds it): the webhook's settings, the jobs in
 * flight, the drain on shutdown and the answers kept in memory for a fan; with the constants they agree on.
 * @module
 */
import type { Reply } from '../../replies/types.js';
import type { WebhookSettings } from '../settings.js';

/**
 * The state of one webhook's strategies, passed to each step.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * const context: SlowContext | undefined = resolveSettings(new Router(), { token: 'AAAAA' }).slowAnswers;
 * context?.track(Promise.resolve()); // awaited on shutdown
 * ```
 */
export interface SlowContext {
  readonly settings: WebhookSettings;
  /** Aborted on shutdown: attempts stop holding. */
  readonly draining: AbortSignal;
  /** Journal keys of answers kept in memory for a fan (by openid), finished once the fan has pulled them all. */
  readonly awaitingPull: Map<string, string[]>;
  /** Keeps a job running in the background until it ends (awaited on shutdown); its failure is logged. */
  track(job: Promise<void>): void;
}

/**
 * The acknowledgement that says nothing to the fan.
 *
 * @example
 * ```ts
 * SUCCESS.type; // 'success'
 * ```
 */
export const SUCCESS: Reply = { type: 'success' };

/**
 * How long an answer and an outcome are kept: WeChat's attempts span 15 s; a late answer may come much later.
 *
 * @example
 * ```ts
 * ANSWER_TTL_MS / 60_000; // 60 minutes
 * ```
 */
export const ANSWER_TTL_MS = 3600_000;

/**
 * Whether a reply says something to the fan (`success` and the empty reply do not).
 *
 * @example
 * ```ts
 * hasContent({ type: 'success' }); // false
 * ```
 */
export function hasContent(reply: Reply): boolean {
  return reply.type !== 'success' && reply.type !== 'empty';
}
