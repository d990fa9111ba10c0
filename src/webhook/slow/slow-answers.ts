/**
 * The slow-handler strategies at work (see `strategy.ts`), one webhook's coordinator. The handler runs once per push
 * (`handler-side.ts`; the dedup work hands back a ticket, `ticket.ts`, as soon as it turns out to be slow); each of
 * WeChat's attempts then waits for the answer (`attempt.ts`: stretch holds, the last attempt acknowledges by the
 * fallback); the answer not given passively goes by customer service (`customer-service.ts`) or is kept for the fan
 * to pull (`pull.ts`), through `delivery.ts`. This class holds what they share (`slow-context.ts`).
 * @module
 */
import type { Message } from '../../messages/types.js';
import type { Reply } from '../../replies/types.js';
import { isPromise, type MaybePromise } from '../maybe-promise.js';
import type { Inbound } from '../receive.js';
import { renderAnswer } from '../respond.js';
import type { WebhookSettings } from '../settings.js';
import { hold } from './attempt.js';
import { recover, runSlow } from './handler-side.js';
import { pullable, takeKept } from './pull.js';
import type { SlowContext } from './slow-context.js';
import { isTicket, readTicket, ticketAnswer, type Ticket } from './ticket.js';

/**
 * The strategies of one webhook: its in-flight handler runs, and the drain on shutdown.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA', slow: ['stretch', 'pull'] });
 * await settings.slowAnswers?.close(5000);
 * ```
 */
export class SlowAnswers implements SlowContext {
  private readonly jobs = new Set<Promise<void>>();
  readonly awaitingPull = new Map<string, string[]>();
  private readonly drain = new AbortController();
  readonly draining = this.drain.signal;
  settings!: WebhookSettings;

  /** Connects the settings this instance belongs to (they are built around it) and starts journal recovery. */
  bind(settings: WebhookSettings): void {
    this.settings = settings;
    settings.journal?.start((entry) => recover(this, entry));
  }

  /**
   * The dedup work for a push, as the string the dedup keeps: the fan's kept answer when they pull one, else the
   * handler's reply when it answered within the budget, rendered for this push; else a ticket, the handler still
   * running. A handler answering without awaiting costs no promise, timer or ticket. `arrivedAt`: when this
   * attempt arrived (its budget counts from there, even after a wait on another instance's claim). From the dedup
   * (see `DedupWork`): `found`, what its probe of {@link presenceKeys} said, when it looked; `firstSeenMs`, when the
   * push was first claimed, when this run takes over from an instance that went away.
   */
  begin(inbound: Inbound, arrivedAt: number, found?: boolean, firstSeenMs?: number): MaybePromise<string> {
    // Positional all the way down: this runs for every push, and an options object would be garbage per push.
    const value = this.beginReply(inbound, arrivedAt, firstSeenMs ?? arrivedAt, found);
    return isPromise(value)
      ? value.then((ready) => this.toAnswer(ready, inbound.message))
      : this.toAnswer(value, inbound.message);
  }

  /** What one attempt answers, given the dedup's string: the rendered answer itself, or the wait on a ticket. */
  attempt(answer: string, arrivedAt: number, message: Message): MaybePromise<string> {
    const ticket = readTicket(answer, message);
    if (ticket === undefined) return answer;
    return hold(this, ticket, arrivedAt, message).then((reply) =>
      renderAnswer(this.settings, reply, message),
    );
  }

  /** Keeps a background job until it ends (awaited by {@link close}); its failure is logged. */
  track(job: Promise<void>): void {
    const guarded = job.catch((err: unknown) => this.settings.logger.error({ err }, 'slow answer failed'));
    this.jobs.add(guarded);
    void guarded.finally(() => this.jobs.delete(guarded));
  }

  /**
   * Shutdown: every held attempt answers now (its fallback, journaled), then the handlers in flight get up to
   * `graceMs` to finish and be delivered; what is left stays in the journal. Closes the journal and the store.
   */
  async close(graceMs: number): Promise<{ unfinished: number }> {
    this.drain.abort();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.jobs]), grace]);
    clearTimeout(timer);
    const unfinished = this.jobs.size;
    await this.settings.journal?.close();
    await this.settings.answers.close();
    return { unfinished };
  }

  private toAnswer(value: Reply | Ticket, message: Message): string {
    return isTicket(value) ? ticketAnswer(value.firstSeenMs) : renderAnswer(this.settings, value, message);
  }

  /**
   * The answer store's keys to probe with the dedup claim of a push (see `Dedup.run`): whether the fan may pull a
   * kept answer with it. None when the push cannot pull, or the store tells without a round trip.
   */
  presenceKeys(message: Message): readonly string[] | undefined {
    const { answers, slow } = this.settings;
    if (answers.presenceKeys === undefined || !slow.includes('pull') || !pullable(message)) return undefined;
    return answers.presenceKeys(message.fromUserName);
  }

  /** `found`: what the dedup's probe of {@link presenceKeys} said, when it looked. */
  private beginReply(
    inbound: Inbound,
    arrivedAt: number,
    firstSeenMs: number,
    found: boolean | undefined,
  ): MaybePromise<Reply | Ticket> {
    const { settings } = this;
    const message = inbound.message;
    if (settings.slow.includes('pull') && pullable(message)) {
      const maybe = found ?? settings.answers.mightHoldFor?.(message.fromUserName);
      if (maybe !== false) return this.pullOr(inbound, arrivedAt, firstSeenMs);
    }
    return runSlow(this, inbound, arrivedAt, firstSeenMs);
  }

  /** The fan's kept answer, when their message pulls one; else the message is handled. */
  private async pullOr(inbound: Inbound, arrivedAt: number, firstSeenMs: number): Promise<Reply | Ticket> {
    const kept = await takeKept(this, inbound.message.fromUserName, arrivedAt);
    return kept ?? runSlow(this, inbound, arrivedAt, firstSeenMs);
  }
}
