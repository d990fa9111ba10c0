/**
 * What the webhook tells a metrics endpoint (or a test) as it works: each push, each handler run, each retry it
 * deduplicated, each refusal, and each answer by the way it reached the fan. The hooks are optional and called
 * synchronously; one that throws is logged and ignored, so metrics can never break a push.
 * @module
 */
import type { EncryptionMode } from '../crypto/mode.js';
import type { Logger } from '../logger.js';

/**
 * How an answer reached the fan: `passive` (the reply to the push, within the reply budget), `stretched` (the
 * passive reply of an attempt held past the budget, see the `stretch` strategy), `customer_service` (a
 * customer-service message after the push was acknowledged) or `pulled` (the passive reply to the fan's next
 * message, see the `pull` strategy).
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * const counts: Record<AnswerVia, number> = { passive: 0, stretched: 0, customer_service: 0, pulled: 0 };
 * createWebhook(bot, { token: 'AAAAA', observe: { onAnswer: (via) => (counts[via] += 1) } });
 * ```
 */
export type AnswerVia = 'passive' | 'stretched' | 'customer_service' | 'pulled';

/**
 * Hooks for metrics, all optional (the `observe` option of `createWebhook`).
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * let runs = 0;
 * const observe: WebhookObserver = {
 *   onPush: ({ type, mode }) => console.log('push', type, mode),
 *   onHandlerRun: () => (runs += 1),
 *   onDuplicate: () => console.log('retry deduplicated'),
 *   onAnswer: (via) => console.log('answered', via),
 *   onReject: (reason) => console.log('refused', reason),
 *   onJournal: (pending) => console.log('journal pending', pending),
 * };
 * createWebhook(bot, { token: 'AAAAA', observe });
 * ```
 */
export interface WebhookObserver {
  /**
   * A verified push (each attempt of WeChat's counts): its `type` is the message type (`text`, `image`, …) or
   * `event.NAME` (`event.subscribe`, `event.CLICK`, …), its `mode` how it arrived.
   */
  onPush?: (push: { type: string; mode: EncryptionMode }) => void;
  /** The handler (the middleware chain) ran for a push; with dedup once per push, whatever the attempts. */
  onHandlerRun?: () => void;
  /** A retry of a push already seen was answered without running the handler again. */
  onDuplicate?: () => void;
  /** An answer (not `success` or the empty body) reached the fan, once per answer part. */
  onAnswer?: (via: AnswerVia) => void;
  /** A request refused, by reason: its `WeChatError` code (`SIGNATURE_INVALID`, `BODY_TOO_LARGE`, …). */
  onReject?: (reason: string) => void;
  /** The number of acknowledged pushes whose answer has not gone out yet (the journal), after each change. */
  onJournal?: (pending: number) => void;
}

/**
 * {@link WebhookObserver} with every hook present and guarded: what the webhook's steps call.
 *
 * @example
 * ```ts
 * const observer = resolveObserver({ onAnswer: (via) => console.log(via) }, logger);
 * observer.onAnswer('passive'); // logs 'passive'
 * observer.onDuplicate(); // does nothing
 * ```
 */
export type ResolvedObserver = Required<WebhookObserver>;

const HOOKS = ['onPush', 'onHandlerRun', 'onDuplicate', 'onAnswer', 'onReject', 'onJournal'] as const;

/**
 * Fills the missing hooks with no-ops and wraps the given ones, so a throwing hook is logged (once per hook) and
 * never reaches the push.
 *
 * @example
 * ```ts
 * const observer = resolveObserver(undefined, logger);
 * observer.onHandlerRun(); // a no-op
 * ```
 */
export function resolveObserver(observe: WebhookObserver | undefined, logger: Logger): ResolvedObserver {
  const resolved = {} as Record<(typeof HOOKS)[number], (arg?: never) => void>;
  for (const name of HOOKS) {
    const hook = observe?.[name] as ((arg?: unknown) => void) | undefined;
    if (hook === undefined) {
      resolved[name] = noop;
      continue;
    }
    let warned = false;
    resolved[name] = (arg?: unknown) => {
      try {
        hook(arg);
      } catch (err) {
        if (warned) return;
        warned = true;
        logger.warn({ err, hook: name }, 'webhook observer hook threw; ignored');
      }
    };
  }
  return resolved as unknown as ResolvedObserver;
}

function noop(): void {}
