/**
 * The webhook's figures: pushes, handler runs, retries answered from dedup, refusals, answers by the way they
 * reached the fan, the journal's backlog, and the latency of answers and handlers.
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { AnswerVia, WebhookObserver } from '../../webhook/observer.js';
import { LATENCY_BUCKETS } from './registry.js';

/**
 * The counters and histograms of one webhook, registered in `registry`: pass `observer` to `createWebhook`.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * import { createMetricsRegistry } from './registry.js';
 * const metrics = new WebhookMetrics(createMetricsRegistry());
 * createWebhook(bot, { token: 'AAAAA', observe: metrics.observer });
 * ```
 */
export class WebhookMetrics {
  readonly #pushes: Counter<'type' | 'mode'>;
  readonly #handlerRuns: Counter;
  readonly #handlerFailures: Counter;
  readonly #duplicates: Counter;
  readonly #rejected: Counter<'reason'>;
  readonly #answers: Counter<'via'>;
  readonly #journalPending: Gauge;
  readonly #handlerSeconds: Histogram;
  readonly #responseSeconds: Histogram<'status'>;
  /** The hooks for `createWebhook({ observe })`. */
  readonly observer: WebhookObserver;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#pushes = new Counter({
      name: 'wxmp_pushes_total',
      help: "Pushes accepted (signature checked, parsed), by message type and mode; each of WeChat's attempts counts",
      labelNames: ['type', 'mode'],
      registers,
    });
    this.#handlerRuns = new Counter({
      name: 'wxmp_handler_runs_total',
      help: 'Runs of the handler (once per push; a retry answered from dedup does not run it, a journaled push finished after a restart does)',
      registers,
    });
    this.#handlerFailures = new Counter({
      name: 'wxmp_handler_failures_total',
      help: 'Handler runs that threw or rejected (the push was answered success)',
      registers,
    });
    this.#duplicates = new Counter({
      name: 'wxmp_duplicates_total',
      help: "WeChat's retries answered from dedup without running the handler again",
      registers,
    });
    this.#rejected = new Counter({
      name: 'wxmp_rejected_total',
      help: 'Requests refused, by reason (the WeChatError code: SIGNATURE_INVALID, BODY_TOO_LARGE, ...)',
      labelNames: ['reason'],
      registers,
    });
    this.#answers = new Counter({
      name: 'wxmp_answers_total',
      help: 'Answers that went out to fans, by the way they went (passive, stretched, customer_service, pulled)',
      labelNames: ['via'],
      registers,
    });
    this.#journalPending = new Gauge({
      name: 'wxmp_journal_pending',
      help: 'Pushes acknowledged whose answer has not gone out yet (journaled)',
      registers,
    });
    this.#handlerSeconds = new Histogram({
      name: 'wxmp_handler_duration_seconds',
      help: 'Time from the start of a handler run to its reply',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#responseSeconds = new Histogram({
      name: 'wxmp_push_response_duration_seconds',
      help: "Time to answer WeChat's HTTP request, by status",
      labelNames: ['status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    for (const via of ['passive', 'stretched', 'customer_service', 'pulled'] as const)
      this.#answers.inc({ via }, 0);
    this.#duplicates.inc(0);
    this.observer = {
      onPush: ({ type, mode }) => this.push(type, mode),
      onHandlerRun: () => this.#handlerRuns.inc(),
      onDuplicate: () => this.duplicate(),
      onAnswer: (via) => this.answer(via),
      onReject: (reason) => this.rejected(reason),
      onJournal: (pending) => this.journalPending(pending),
    };
  }

  /** A push was accepted. */
  push(type: string, mode: string): void {
    this.#pushes.inc({ type, mode });
  }

  /** A handler run finished after `seconds`, with a reply or (`failed`) an error. */
  handlerDone(seconds: number, failed: boolean): void {
    this.#handlerSeconds.observe(seconds);
    if (failed) this.#handlerFailures.inc();
  }

  /** A retry was answered from dedup. */
  duplicate(): void {
    this.#duplicates.inc();
  }

  /** A request was refused for `reason` (a `WeChatError` code). */
  rejected(reason: string): void {
    this.#rejected.inc({ reason });
  }

  /** An answer went out to a fan by `via`. */
  answer(via: AnswerVia): void {
    this.#answers.inc({ via });
  }

  /** The journal holds `count` pushes whose answer has not gone out. */
  journalPending(count: number): void {
    this.#journalPending.set(count);
  }

  /** WeChat's request was answered with `status` after `seconds`. */
  responded(status: number, seconds: number): void {
    this.#responseSeconds.observe({ status: String(status) }, seconds);
  }
}
