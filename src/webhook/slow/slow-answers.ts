/**
 * The slow-handler strategies at work (see `strategy.ts`). The handler runs once per push (the dedup work hands
 * back a ticket as soon as it turns out to be slow); each of WeChat's attempts then waits for the answer in the
 * answer store until its own deadline: a held attempt (stretch) until WeChat has surely cut it, the last attempt
 * until the reply budget. An attempt that sees the answer replies with it; the last one without it settles the
 * push's fallback (customer service or pull), journals the push and acknowledges it. Whichever of the handler and the
 * last attempt settles first decides, once, through the store: the handler's side delivers by the fallback when it
 * lost the race.
 * @module
 */
import { dedupKey } from '../../messages/parse.js';
import type { Message } from '../../messages/types.js';
import { toReply } from '../../replies/render.js';
import type { Reply } from '../../replies/types.js';
import { HandlerContext } from '../handler-context.js';
import { isPromise, type MaybePromise } from '../maybe-promise.js';
import type { Inbound } from '../receive.js';
import { END_OF_CHAIN, startHandler } from '../run-handler.js';
import { renderAnswer } from '../respond.js';
import type { HandlerResult } from '../router.js';
import type { WebhookSettings } from '../settings.js';
import type { Outcome } from './answer-store.js';
import type { JournalEntry } from './journal.js';
import { MAX_TEXT_REPLY_BYTES, replyParts, splitText } from './split-text.js';

/** What every attempt of a slow push waits on (in the dedup as a string: see `TICKET_MARK`). */
export interface Ticket {
  readonly slowTicket: true;
  readonly key: string;
  /** When the first attempt arrived (ms, the clock of the instance that runs the handler). */
  readonly firstSeenMs: number;
}

const SUCCESS: Reply = { type: 'success' };
/**
 * A ticket in the dedup, which keeps only strings (bounded in bytes): this mark, then `firstSeenMs`; its key is the
 * push's dedup key. No rendered answer starts with NUL (they are XML, `success` or empty).
 */
const TICKET_MARK = '\u0000wxmp-ticket:';
/** A held attempt lets go this long after WeChat's cut: by then WeChat has sent the next attempt. */
const HOLD_PAST_CUT_MS = 500;
/**
 * An attempt this close to two cuts after the first is the last (a fifth of the cut: 1 s of WeChat's 5), room for
 * the clocks of several instances.
 */
const LAST_ATTEMPT_SLACK = 0.2;
/** The typing indicator lasts about 15 s; it is renewed this often while the answer is worked on, at most 10 times. */
const TYPING_EVERY_MS = 12_000;
const TYPING_TIMES = 10;
/** How long an answer and an outcome are kept: WeChat's attempts span 15 s; a late answer may come much later. */
const ANSWER_TTL_MS = 3600_000;
/** A fan's next message waits for a kept answer being worked on, polling this often, within the reply budget. */
const PULL_POLL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether a dedup value is a slow push's ticket (a reply otherwise).
 *
 * @example
 * ```ts
 * isTicket({ type: 'text', content: 'hi' }); // false
 * ```
 */
export function isTicket(value: unknown): value is Ticket {
  return typeof value === 'object' && value !== null && (value as Partial<Ticket>).slowTicket === true;
}

/** Message types a fan sends by hand (and menu taps): what a kept answer can be the passive reply to. */
function pullable(message: Message): boolean {
  if (message.type !== 'event') return true;
  return message.event === 'CLICK' || message.event === 'subscribe' || message.event === 'SCAN';
}

/**
 * The most parts one answer is delivered in after its first (15 × 2047 bytes, about 10 000 Chinese characters): a
 * bound on what a fan's messages can make the webhook keep. Past it the last part says the rest was left out.
 */
const MAX_PARTS = 15;
const CUT_NOTICE = '\n（内容过长，其余部分未发送）';

function capParts(parts: Reply[]): Reply[] {
  if (parts.length <= MAX_PARTS) return parts;
  const kept = parts.slice(0, MAX_PARTS);
  const last = kept[MAX_PARTS - 1]!;
  if (last.type === 'text') {
    const room = MAX_TEXT_REPLY_BYTES - Buffer.byteLength(CUT_NOTICE);
    kept[MAX_PARTS - 1] = { type: 'text', content: splitText(last.content, room)[0]! + CUT_NOTICE };
  }
  return kept;
}

function hasContent(reply: Reply): boolean {
  return reply.type !== 'success' && reply.type !== 'empty';
}

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
export class SlowAnswers {
  private readonly jobs = new Set<Promise<void>>();
  /** Journal keys of answers kept in memory for a fan, finished once the fan has pulled them all. */
  private readonly awaitingPull = new Map<string, string[]>();
  private readonly drain = new AbortController();
  private settings!: WebhookSettings;

  /** Connects the settings this instance belongs to (they are built around it) and starts journal recovery. */
  bind(settings: WebhookSettings): void {
    this.settings = settings;
    settings.journal?.start((entry) => this.recover(entry));
  }

  /**
   * The dedup work for a push, as the string the dedup keeps: the fan's kept answer when they pull one, else the
   * handler's reply when it answered within the budget, rendered for this push; else a ticket, the handler still
   * running. A handler answering without awaiting costs no promise, timer or ticket.
   */
  begin(inbound: Inbound, found?: boolean): MaybePromise<string> {
    const value = this.beginReply(inbound, found);
    return isPromise(value)
      ? value.then((ready) => this.toAnswer(ready, inbound.message))
      : this.toAnswer(value, inbound.message);
  }

  /** What one attempt answers, given the dedup's string: the rendered answer itself, or the wait on a ticket. */
  attempt(answer: string, arrivedAt: number, message: Message): MaybePromise<string> {
    if (answer.charCodeAt(0) !== 0 || !answer.startsWith(TICKET_MARK)) return answer;
    const ticket: Ticket = {
      slowTicket: true,
      key: dedupKey(message),
      firstSeenMs: Number(answer.slice(TICKET_MARK.length)),
    };
    return this.hold(ticket, arrivedAt, message).then((reply) => renderAnswer(this.settings, reply, message));
  }

  private toAnswer(value: Reply | Ticket, message: Message): string {
    return isTicket(value) ? TICKET_MARK + value.firstSeenMs : renderAnswer(this.settings, value, message);
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
  private beginReply(inbound: Inbound, found: boolean | undefined): MaybePromise<Reply | Ticket> {
    const { settings } = this;
    const message = inbound.message;
    if (settings.slow.includes('pull') && pullable(message)) {
      const maybe = found ?? settings.answers.mightHoldFor?.(message.fromUserName);
      if (maybe !== false) return this.pullOr(inbound);
    }
    return this.run(inbound);
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

  private async pullOr(inbound: Inbound): Promise<Reply | Ticket> {
    const { settings } = this;
    const openid = inbound.message.fromUserName;
    const deadline = settings.now() + settings.replyBudgetMs;
    for (;;) {
      let taken: Awaited<ReturnType<typeof settings.answers.takeForFan>>;
      try {
        taken = await settings.answers.takeForFan(openid);
      } catch (err) {
        settings.logger.warn({ err }, 'answer store unreachable; the message is handled as new');
        break;
      }
      if (taken === undefined) break;
      if ('reply' in taken) {
        settings.observer.onAnswer('pulled');
        settings.logger.info({ more: taken.more }, 'kept answer pulled by the fan');
        if (!taken.more) this.pulled(openid);
        return taken.reply;
      }
      // An answer is still being worked on for this fan: wait for it within the budget, else say so again.
      if (settings.now() + PULL_POLL_MS >= deadline) return { type: 'text', content: settings.pull.text };
      await sleep(PULL_POLL_MS);
    }
    return this.run(inbound);
  }

  /** Runs the middleware; a synchronous answer is the reply, an asynchronous one a ticket. */
  private run(inbound: Inbound): MaybePromise<Reply | Ticket> {
    const { settings } = this;
    const started = startHandler(settings, inbound);
    if (!started) return SUCCESS;
    const { result } = started;
    if (!isPromise(result)) {
      const reply = toReply(result);
      if (!hasContent(reply)) return reply;
      settings.observer.onAnswer('passive');
      const parts = this.parts(reply);
      if (parts.length > 1) this.track(this.deliverParts(inbound.message, parts.slice(1), this.restVia()));
      return parts[0]!;
    }
    const key = dedupKey(inbound.message);
    const firstSeenMs = settings.now();
    this.track(this.finish(key, inbound.message, result, firstSeenMs));
    const ticket: Ticket = { slowTicket: true, key, firstSeenMs };
    // Within the budget the dedup value is the reply itself (a retry on another instance shares it even without a
    // shared answer store); past it, the ticket every attempt waits on.
    return new Promise<Reply | Ticket>((resolve) => {
      const timer = setTimeout(() => resolve(ticket), settings.replyBudgetMs);
      result.then(
        (value) => {
          clearTimeout(timer);
          resolve(this.firstPart(toReply(value)));
        },
        () => {
          clearTimeout(timer);
          resolve(SUCCESS);
        },
      );
    });
  }

  private track(job: Promise<void>): void {
    const guarded = job.catch((err: unknown) => this.settings.logger.error({ err }, 'slow answer failed'));
    this.jobs.add(guarded);
    void guarded.finally(() => this.jobs.delete(guarded));
  }

  /** The handler's side: publish the answer, then settle; deliver by the fallback if an attempt settled first. */
  private async finish(
    key: string,
    message: Message,
    result: Promise<HandlerResult>,
    firstSeenMs: number,
  ): Promise<void> {
    // The running mark lasts until the answer is out: other instances leave the journal entry alone meanwhile.
    const stopRunning = this.settings.journal?.running(key);
    try {
      await this.answer(key, message, result, firstSeenMs);
    } finally {
      stopRunning?.();
    }
  }

  private async answer(
    key: string,
    message: Message,
    result: Promise<HandlerResult>,
    firstSeenMs: number,
  ): Promise<void> {
    const { settings } = this;
    let reply: Reply;
    try {
      reply = toReply(await result);
    } catch (err) {
      settings.logger.error({ err, key, msgType: message.type }, 'handler threw; answered success');
      reply = SUCCESS;
    }
    let outcome: Outcome;
    try {
      await settings.answers.putAnswer(key, reply, ANSWER_TTL_MS);
      outcome = await settings.answers.settle(key, 'passive', ANSWER_TTL_MS);
    } catch (err) {
      // Without the store no attempt can see the answer: deliver it the way the last attempt would have.
      settings.logger.warn({ err, key }, 'answer store unreachable; the answer goes by the fallback');
      outcome = this.fallback();
    }
    if (outcome !== 'passive') return this.deliver(key, message, outcome, reply);
    if (!hasContent(reply)) return;
    const inTime = settings.now() - firstSeenMs <= settings.replyBudgetMs;
    settings.observer.onAnswer(inTime ? 'passive' : 'stretched');
    const parts = this.parts(reply);
    if (parts.length > 1) await this.deliverParts(message, parts.slice(1), this.restVia());
  }

  /** One attempt waiting on a ticket. */
  private async hold(ticket: Ticket, arrivedAt: number, message: Message): Promise<Reply> {
    const { settings } = this;
    const cutMs = settings.wechatTimeoutMs;
    const stretch = settings.slow.includes('stretch') && settings.dedup !== undefined;
    const last = !stretch || arrivedAt - ticket.firstSeenMs >= (2 - LAST_ATTEMPT_SLACK) * cutMs;
    const deadline = last ? arrivedAt + settings.replyBudgetMs : arrivedAt + cutMs + HOLD_PAST_CUT_MS;
    // On shutdown an attempt stops holding: it waits for the answer until its budget, then acknowledges.
    const stop = new AbortController();
    let stopTimer: ReturnType<typeof setTimeout> | undefined;
    const onDrain = () => {
      stopTimer = setTimeout(
        () => stop.abort(),
        Math.max(0, arrivedAt + settings.replyBudgetMs - settings.now()),
      );
    };
    if (this.drain.signal.aborted) onDrain();
    else this.drain.signal.addEventListener('abort', onDrain, { once: true });
    let answer: Reply | undefined;
    try {
      answer = await settings.answers.awaitAnswer(ticket.key, deadline - settings.now(), stop.signal);
    } catch (err) {
      settings.logger.warn({ err, key: ticket.key }, 'answer store unreachable while an attempt waits');
    } finally {
      clearTimeout(stopTimer);
      this.drain.signal.removeEventListener('abort', onDrain);
    }
    if (answer !== undefined) {
      // An earlier attempt may have been acknowledged with a fallback (its `success` reached WeChat after the cut):
      // then the fallback delivers, and this attempt must not answer too (the cluster proof saw 52 of 2,000).
      const outcome = await settings.answers
        .settle(ticket.key, 'passive', ANSWER_TTL_MS)
        .catch((): Outcome => 'passive');
      return outcome === 'passive' ? this.firstPart(answer) : SUCCESS;
    }
    // A held attempt WeChat has cut: whatever it answers is not read.
    if (!last && !this.drain.signal.aborted) return SUCCESS;
    return this.acknowledge(ticket.key, message);
  }

  /** The last attempt without the answer: journal the push, settle its fallback, and answer what the fallback says. */
  private async acknowledge(key: string, message: Message): Promise<Reply> {
    const { settings } = this;
    const fallback = this.fallback();
    const entry: JournalEntry = { key, message, outcome: fallback, at: settings.now() };
    try {
      await settings.journal?.add(entry);
      if (settings.journal) settings.observer.onJournal(settings.journal.pending());
    } catch (err) {
      settings.logger.error({ err, key }, 'journal unreachable; the push is acknowledged without it');
    }
    let outcome: Outcome;
    try {
      outcome = await settings.answers.settle(key, fallback, ANSWER_TTL_MS);
    } catch (err) {
      settings.logger.warn({ err, key }, 'answer store unreachable; the fallback is used');
      outcome = fallback;
    }
    if (outcome === 'passive') {
      // The answer came in between: it is the reply after all.
      await this.journalDone(key);
      const answer = await settings.answers.awaitAnswer(key, 0).catch(() => undefined);
      return answer === undefined ? SUCCESS : this.firstPart(answer);
    }
    settings.logger.info({ key, fallback: outcome }, 'slow handler: push acknowledged, the answer follows');
    const openid = message.fromUserName;
    if (outcome === 'pull') {
      await settings.answers.expectForFan(openid, key, settings.pull.ttlMs).catch(() => undefined);
      return { type: 'text', content: settings.pull.text };
    }
    if (outcome === 'customer-service') void this.showTyping(openid, key);
    return SUCCESS;
  }

  /** "对方正在输入…" for the fan while the answer is worked on (renewed until it is ready). */
  private async showTyping(openid: string, key: string): Promise<void> {
    const typing = this.settings.typing;
    if (typing === undefined) return;
    for (let i = 0; i < TYPING_TIMES; i += 1) {
      try {
        await typing(openid);
      } catch (err) {
        this.settings.logger.warn({ err }, 'typing indicator not sent');
        return;
      }
      const ready = await this.settings.answers.awaitAnswer(key, TYPING_EVERY_MS).catch(() => undefined);
      if (ready !== undefined) return;
    }
  }

  /** The fallback of this webhook: the first of customer service (when it can be used) and pull, in their order. */
  private fallback(): Exclude<Outcome, 'passive'> {
    for (const strategy of this.settings.slow) {
      if (strategy === 'customer-service' && this.settings.lateReply) return 'customer-service';
      if (strategy === 'pull') return 'pull';
    }
    return 'none';
  }

  /** How the parts of a long answer after the first go: customer service when it can, else pulled. */
  private restVia(): 'customer-service' | 'pull' {
    return this.settings.slow.includes('customer-service') && this.settings.lateReply
      ? 'customer-service'
      : 'pull';
  }

  private parts(reply: Reply): Reply[] {
    return replyParts(reply, this.restVia() === 'pull' ? this.settings.pull.moreText : '');
  }

  /** The passive reply for an answer: itself, or its first part when it is too long (the rest follows). */
  private firstPart(reply: Reply): Reply {
    return this.parts(reply)[0]!;
  }

  /** Delivers an answer by the fallback an attempt chose; the journal entry is finished once it is out (or kept). */
  private async deliver(key: string, message: Message, outcome: Outcome, reply: Reply): Promise<void> {
    const { settings } = this;
    if (hasContent(reply)) {
      const via = outcome === 'customer-service' ? 'customer-service' : outcome === 'pull' ? 'pull' : 'none';
      const parts = via === 'pull' ? replyParts(reply, settings.pull.moreText) : replyParts(reply, '');
      await this.deliverParts(message, parts, via);
      if (via === 'pull' && settings.answers.durable !== true) {
        // Kept in memory only: the entry stays journaled until the fan has pulled the answer, so a restart in
        // between answers again rather than losing it.
        const keys = this.awaitingPull.get(message.fromUserName) ?? [];
        this.awaitingPull.set(message.fromUserName, [...keys, key]);
        return;
      }
    } else if (outcome === 'pull') {
      // Nothing to give (the handler answered success or threw): the fan's next message is handled as new.
      await settings.answers.keepForFan(message.fromUserName, [], settings.pull.ttlMs).catch(() => undefined);
    }
    await this.journalDone(key);
  }

  /** Sends parts by customer service (kept for pulling if that fails and pull is on), or keeps them for the fan. */
  private async deliverParts(message: Message, all: Reply[], via: Outcome): Promise<void> {
    const { settings } = this;
    const openid = message.fromUserName;
    const key = dedupKey(message);
    const parts = capParts(all);
    if (parts.length < all.length)
      settings.logger.warn(
        { key, parts: all.length, kept: parts.length },
        'answer too long; the rest was not kept',
      );
    let left = parts;
    if (via === 'customer-service' || via === 'none') {
      const lateReply = settings.lateReply;
      if (lateReply === undefined) {
        // Never silent: stderr when the webhook has no logger.
        settings.lostReplyLogger.warn(
          { key },
          'late reply dropped: configure lateReply (or the pull strategy) to deliver it',
        );
        return;
      }
      try {
        while (left.length > 0) {
          await lateReply(message, left[0]!);
          settings.observer.onAnswer('customer_service');
          left = left.slice(1);
        }
        return;
      } catch (err) {
        settings.logger.error({ err, key }, 'lateReply failed');
        if (!settings.slow.includes('pull')) return;
        left = replyParts(
          { type: 'text', content: left.map((p) => (p.type === 'text' ? p.content : '')).join('') },
          settings.pull.moreText,
        ).filter((p) => p.type !== 'text' || p.content !== '');
        if (left.length === 0) return;
      }
    }
    try {
      await settings.answers.keepForFan(openid, left, settings.pull.ttlMs);
      settings.logger.info({ key, parts: left.length }, 'answer kept for the fan to pull');
    } catch (err) {
      settings.logger.error({ err, key }, 'answer store unreachable; the answer could not be kept');
      throw err;
    }
  }

  /** The fan pulled the last kept part: the journal entries of those answers are finished. */
  private pulled(openid: string): void {
    const keys = this.awaitingPull.get(openid);
    if (keys === undefined) return;
    this.awaitingPull.delete(openid);
    for (const key of keys) this.track(this.journalDone(key));
  }

  private async journalDone(key: string): Promise<void> {
    const journal = this.settings.journal;
    if (!journal) return;
    try {
      await journal.done(key);
      this.settings.observer.onJournal(journal.pending());
    } catch (err) {
      this.settings.logger.error({ err, key }, 'journal unreachable; the entry stays');
    }
  }

  /** An entry left by an earlier run or a dead instance: run the handler again and deliver by its fallback. */
  private async recover(entry: JournalEntry): Promise<void> {
    const { settings } = this;
    settings.logger.info(
      { key: entry.key, fallback: entry.outcome },
      'journal: finishing an acknowledged push',
    );
    const ctx = new HandlerContext(entry.message, 'plain', settings.logger);
    settings.observer.onHandlerRun();
    const job = (async () => {
      const stopRunning = settings.journal?.running(entry.key);
      try {
        let reply: Reply;
        try {
          reply = toReply(await settings.middleware(ctx, END_OF_CHAIN));
        } catch (err) {
          settings.logger.error({ err, key: entry.key }, 'handler failed on recovery');
          reply = SUCCESS;
        }
        await settings.answers.putAnswer(entry.key, reply, ANSWER_TTL_MS).catch(() => undefined);
        await this.deliver(entry.key, entry.message, entry.outcome, reply);
      } finally {
        stopRunning?.();
      }
    })();
    this.track(job);
    await job;
  }
}
