/**
 * The webhook's figures: pushes, handler runs, retries answered from dedup, refusals, answers by the way they
 * reached the fan, the journal's backlog, and the latency of answers and handlers.
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { AnswerVia, WebhookObserver } from '../../webhook/observer.js';
import { LATENCY_BUCKETS } from './registry.js';

interface Cell {
  labels: Record<string, string>;
  n: number;
}

/**
 * Increments of one counter by (up to) two label values, kept as plain numbers until the counter is read (its
 * `collect`, on each scrape): prom-client's `inc` with labels hashes and checks them on each call, 1.5% of
 * `wxmp serve`'s CPU per push in a profile under load (pushes, handler runs and answers are counted per push).
 */
class PendingIncrements {
  private readonly cells = new Map<string, Map<string, Cell>>();

  /** `names`: the labels that `add`'s values are the values of, in order. */
  constructor(private readonly names: readonly [string] | readonly [string, string]) {}

  add(a: string, b = ''): void {
    let inner = this.cells.get(a);
    if (inner === undefined) this.cells.set(a, (inner = new Map<string, Cell>()));
    const cell = inner.get(b);
    if (cell !== undefined) cell.n++;
    else {
      const [first, second] = this.names;
      inner.set(b, { labels: second === undefined ? { [first]: a } : { [first]: a, [second]: b }, n: 1 });
    }
  }

  flushInto(counter: Counter<string>): void {
    for (const inner of this.cells.values())
      for (const cell of inner.values()) {
        if (cell.n === 0) continue;
        counter.inc(cell.labels, cell.n);
        cell.n = 0;
      }
  }
}

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
  readonly #handlerFailures: Counter;
  readonly #duplicates: Counter;
  readonly #rejected: Counter<'reason'>;
  readonly #answers: Counter<'via'>;
  readonly #journalPending: Gauge;
  readonly #handlerSeconds: Histogram;
  readonly #responseSeconds: Histogram<'status'>;
  /** The hooks for `createWebhook({ observe })`. */
  readonly observer: WebhookObserver;
  readonly #pendingPushes = new PendingIncrements(['type', 'mode']);
  readonly #pendingAnswers = new PendingIncrements(['via']);
  #pendingRuns = 0;

  constructor(registry: Registry) {
    const registers = [registry];
    const pendingPushes = this.#pendingPushes;
    const pendingAnswers = this.#pendingAnswers;
    const takeRuns = () => {
      const runs = this.#pendingRuns;
      this.#pendingRuns = 0;
      return runs;
    };
    // Counted per push as plain numbers, handed over when read: no field of their own.
    new Counter({
      name: 'wxmp_pushes_total',
      help: "Pushes accepted (signature checked, parsed), by message type and mode; each of WeChat's attempts counts",
      labelNames: ['type', 'mode'],
      registers,
      collect() {
        pendingPushes.flushInto(this);
      },
    });
    new Counter({
      name: 'wxmp_handler_runs_total',
      help: 'Runs of the handler (once per push; a retry answered from dedup does not run it, a journaled push finished after a restart does)',
      registers,
      collect() {
        this.inc(takeRuns());
      },
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
      collect() {
        pendingAnswers.flushInto(this);
      },
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
      onHandlerRun: () => {
        this.#pendingRuns++;
      },
      onDuplicate: () => this.duplicate(),
      onAnswer: (via) => this.answer(via),
      onReject: (reason) => this.rejected(reason),
      onJournal: (pending) => this.journalPending(pending),
    };
  }

  /** A push was accepted. */
  push(type: string, mode: string): void {
    this.#pendingPushes.add(type, mode);
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
    this.#pendingAnswers.add(via);
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
