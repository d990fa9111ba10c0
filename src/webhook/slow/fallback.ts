/**
 * Which way an answer goes when it is not the passive reply: the fallback of the last attempt, and the way of the
 * parts of a long answer after the first.
 * @module
 */
import type { WebhookSettings } from '../settings.js';
import type { Outcome } from './answer-store.js';

/**
 * The fallback of a webhook: the first of customer service (when it can be used: `lateReply` is given) and pull,
 * in the order of `slow`; `none` when neither is listed.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * fallback(resolveSettings(new Router(), { token: 'AAAAA', slow: ['stretch', 'pull'] })); // 'pull'
 * ```
 */
export function fallback(settings: WebhookSettings): Exclude<Outcome, 'passive'> {
  for (const strategy of settings.slow) {
    if (strategy === 'customer-service' && settings.lateReply) return 'customer-service';
    if (strategy === 'pull') return 'pull';
  }
  return 'none';
}

/**
 * How the parts of a long answer after the first go: customer service when it can, else pulled.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * restVia(resolveSettings(new Router(), { token: 'AAAAA', lateReply: () => undefined })); // 'customer-service'
 * ```
 */
export function restVia(settings: WebhookSettings): 'customer-service' | 'pull' {
  return settings.slow.includes('customer-service') && settings.lateReply ? 'customer-service' : 'pull';
}
