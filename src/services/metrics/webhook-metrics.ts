/**
 * The webhook's figures: pushes, handler runs, retries answered from dedup, refusals, answers by the way they
 * reached the fan, the journal's backlog, and the latency of answers and handlers.
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS } from './registry.js';

/**
 * How an answer reached the fan: the passive reply of the attempt (`passive`), of a later attempt WeChat was held on
 * (`stretched`), a customer-service message (`customer_service`), or the passive reply of the fan's next message
 * (`pulled`).
 */
export type AnswerVia = 'passive' | 'stretched' | 'customer_service' | 'pulled';

/**
 * The counters and histograms of one webhook, registered in `registry`.
 *
 * @example
 * ```ts
 * import { createMetricsRegistry } from './registry.js';
 * const metrics = new WebhookMetrics(createMetricsRegistry());
 * metrics.push('text', 'safe');
 * metrics.answer('passive');
 * ```
 */
export class WebhookMetrics {
  readonly #pushes: Counter<'type' | 'mode'>;
  readonly #handlerRuns: Counter<'type'>;
  readonly #handlerFailures: Counter;
  readonly #duplicates: Counter;
  readonly #rejected: Counter<'reason'>;
  readonly #answers: Counter<'via'>;
  readonly #journalPending: Gauge;
  readonly #handlerSeconds: Histogram;
  readonly #responseSeconds: Histogram<'status'>;
  /** Refusal totals as last read from the webhook, so each collection adds only what is new. */
  readonly #refusalsSeen = new Map<string, number>();
  #refusalSource: (() => Record<string, number>) | undefined;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#pushes = new Counter({
      name: 'wxmp_pushes_total',
      help: "Pushes handled (signature checked, parsed), by message type and mode; WeChat's retries of one are in wxmp_duplicates_total",
      labelNames: ['type', 'mode'],
      registers,
    });
    this.#handlerRuns = new Counter({
      name: 'wxmp_handler_runs_total',
      help: 'Runs of the handler (once per push; a retry answered from dedup does not run it)',
      labelNames: ['type'],
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
      // Read when collected: the webhook counts its refusals itself (for its once-a-minute log lines).
      collect: () => {
        if (this.#refusalSource) this.syncRefusals(this.#refusalSource());
      },
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
  }

  /** A push was accepted. */
  push(type: string, mode: string): void {
    this.#pushes.inc({ type, mode });
  }

  /** The handler ran for a push of `type`. */
  handlerRun(type: string): void {
    this.#handlerRuns.inc({ type });
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

  /**
   * Reads refusals from `source` (a webhook's `refusalCounts`) each time the metrics are collected.
   *
   * @example
   * ```ts
   * import { createMetricsRegistry } from './registry.js';
   * new WebhookMetrics(createMetricsRegistry()).watchRefusals(() => webhook.refusalCounts());
   * ```
   */
  watchRefusals(source: () => Record<string, number>): void {
    this.#refusalSource = source;
  }

  /**
   * Adds the refusals a webhook counted since the last call (`webhook.refusalCounts()` gives running totals by
   * reason); call it before each collection.
   */
  syncRefusals(totals: Record<string, number>): void {
    for (const [reason, total] of Object.entries(totals)) {
      const seen = this.#refusalsSeen.get(reason) ?? 0;
      if (total > seen) this.#rejected.inc({ reason }, total - seen);
      this.#refusalsSeen.set(reason, total);
    }
  }
}
