/**
 * The journal as the strategies use it (see `journal.ts`): a push is added before it is acknowledged and finished
 * once its answer is out; a journal that cannot be reached is logged, never a reason to fail the push.
 * @module
 */
import type { WebhookSettings } from '../settings.js';
import type { JournalEntry } from './journal.js';

/**
 * Adds an acknowledged push to the journal, if there is one, and reports the pending count.
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from '../settings.js';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA' });
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi', '42'));
 * await journalAdd(settings, { key: 'msg:42', message, outcome: 'pull', at: Date.now() });
 * ```
 */
export async function journalAdd(settings: WebhookSettings, entry: JournalEntry): Promise<void> {
  try {
    await settings.journal?.add(entry);
    if (settings.journal) settings.observer.onJournal(settings.journal.pending());
  } catch (err) {
    settings.logger.error(
      { err, key: entry.key },
      'journal unreachable; the push is acknowledged without it',
    );
  }
}

/**
 * Finishes the journal entry of push `key`: its answer is out.
 *
 * @example
 * ```ts
 * import { Router } from 'wxmp';
 * import { resolveSettings } from '../settings.js';
 * await journalDone(resolveSettings(new Router(), { token: 'AAAAA' }), 'msg:42');
 * ```
 */
export async function journalDone(settings: WebhookSettings, key: string): Promise<void> {
  const journal = settings.journal;
  if (!journal) return;
  try {
    await journal.done(key);
    settings.observer.onJournal(journal.pending());
  } catch (err) {
    settings.logger.error({ err, key }, 'journal unreachable; the entry stays');
  }
}
