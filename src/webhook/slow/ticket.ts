/**
 * A slow push's ticket: what every attempt waits on once the handler has outlasted the reply budget. The dedup keeps
 * only strings (bounded in bytes), so the ticket travels there as a short string.
 * @module
 */
import { dedupKey } from '../../messages/parse.js';
import type { Message } from '../../messages/types.js';

/** What every attempt of a slow push waits on (in the dedup as a string: see {@link ticketAnswer}). */
export interface Ticket {
  readonly slowTicket: true;
  readonly key: string;
  /** When the first attempt arrived (ms, the clock of the instance that runs the handler). */
  readonly firstSeenMs: number;
}

/**
 * A ticket in the dedup: this mark, then `firstSeenMs`; its key is the push's dedup key. No rendered answer starts
 * with NUL (they are XML, `success` or empty).
 */
const TICKET_MARK = '\u0000wxmp-ticket:';

/**
 * Whether a value is a slow push's ticket (a reply otherwise).
 *
 * @example
 * ```ts
 * isTicket({ type: 'text', content: 'hi' }); // false
 * ```
 */
export function isTicket(value: unknown): value is Ticket {
  return typeof value === 'object' && value !== null && (value as Partial<Ticket>).slowTicket === true;
}

/**
 * The string the dedup keeps for a ticket.
 *
 * @example
 * ```ts
 * ticketAnswer(Date.now()).startsWith('\u0000'); // true: no rendered answer does
 * ```
 */
export function ticketAnswer(firstSeenMs: number): string {
  return TICKET_MARK + firstSeenMs;
}

/**
 * The ticket a dedup string stands for, or `undefined` when it is a rendered answer (one character compared).
 *
 * @example
 * ```ts
 * import { parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi', '42'));
 * readTicket(ticketAnswer(1000), message); // { slowTicket: true, key: 'msg:42', firstSeenMs: 1000 }
 * ```
 */
export function readTicket(answer: string, message: Message): Ticket | undefined {
  if (answer.charCodeAt(0) !== 0 || !answer.startsWith(TICKET_MARK)) return undefined;
  return { slowTicket: true, key: dedupKey(message), firstSeenMs: Number(answer.slice(TICKET_MARK.length)) };
}
