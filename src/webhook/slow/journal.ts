/**
 * The journal: pushes acknowledged before their answer went out (the fan was told `success` or the pull text), kept
 * until the answer is delivered, so a restart or a dead instance loses none. `FileJournal` (an append-only local
 * file) and `RedisJournal` (a stream with a consumer group) in `wxmp/services` implement it.
 * @module
 */
import type { Message } from '../../messages/types.js';
import type { Outcome } from './answer-store.js';

/**
 * One acknowledged push whose answer has not gone out: the message (to run the handler again after a crash) and
 * how the answer is to be delivered.
 *
 * @example
 * ```ts
 * import { parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'sleep 20'));
 * const entry: JournalEntry = { key: 'msg:42', message, outcome: 'pull', at: Date.now() };
 * console.log(JSON.stringify(entry)); // what a journal line holds
 * ```
 */
export interface JournalEntry {
  key: string;
  message: Message;
  outcome: Exclude<Outcome, 'passive'>;
  /** When the push was acknowledged (ms). */
  at: number;
}

/**
 * Where acknowledged pushes wait for their answer.
 *
 * @example
 * ```ts
 * const entries = new Map<string, JournalEntry>();
 * const journal: Journal = {
 *   add: async (entry) => void entries.set(entry.key, entry),
 *   done: async (key) => void entries.delete(key),
 *   running: () => () => undefined,
 *   start: (finish) => entries.forEach((entry) => void finish(entry)),
 *   pending: () => entries.size,
 *   close: async () => undefined,
 * };
 * ```
 */
export interface Journal {
  /** Records an acknowledged push (durably, before the acknowledgement is answered). */
  add(entry: JournalEntry): Promise<void>;
  /** The answer of `key` went out (or was kept for the fan to pull): the entry is finished. */
  done(key: string): Promise<void>;
  /**
   * Marks that this process runs the handler of `key` (other instances leave its entry alone while it lives);
   * returns the function that ends the mark.
   */
  running(key: string): () => void;
  /**
   * Starts handing over entries left unfinished by an earlier run or a dead instance: `finish` runs the handler
   * again and delivers the answer, then the entry is done.
   */
  start(finish: (entry: JournalEntry) => Promise<void>): void;
  /** Entries this process knows to be unfinished. */
  pending(): number;
  /** Stops recovering and releases files or connections; unfinished entries stay for the next run. */
  close(): Promise<void>;
}
