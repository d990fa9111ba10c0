/**
 * The journal of one instance without Redis: an append-only local file (JSON lines `add` and `done`), synced to
 * disk before each acknowledgement goes out. On start the unfinished entries are read back, the file is rewritten
 * with them alone, and they are handed to the webhook to finish.
 * @module
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { silentLogger, type Logger } from '../logger.js';
import type { Journal, JournalEntry } from '../webhook/slow/journal.js';

type Line = { op: 'add'; entry: JournalEntry } | { op: 'done'; key: string };

/**
 * Default place of the journal, relative to the working directory.
 *
 * @example
 * ```ts
 * const journal = new FileJournal({ path: DEFAULT_JOURNAL_PATH });
 * ```
 */
export const DEFAULT_JOURNAL_PATH = '.wxmp/journal';

/**
 * A {@link Journal} in a local file: for one instance; several instances use `RedisJournal`.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * const journal = new FileJournal({ path: '.wxmp/journal', logger });
 * const webhook = createWebhook(bot, { token: 'AAAAA', slow: ['stretch', 'pull'], journal });
 * ```
 */
export class FileJournal implements Journal {
  private readonly path: string;
  private readonly logger: Logger;
  private readonly entries = new Map<string, JournalEntry>();
  /** Entries left by the previous run, handed over by `start`. */
  private readonly leftOver: JournalEntry[];
  private file: Promise<FileHandle> | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(options: { path?: string; logger?: Logger } = {}) {
    this.path = options.path ?? DEFAULT_JOURNAL_PATH;
    this.logger = options.logger ?? silentLogger;
    mkdirSync(dirname(this.path), { recursive: true });
    this.leftOver = this.load();
    for (const entry of this.leftOver) this.entries.set(entry.key, entry);
    // Compaction: the file starts again with the unfinished entries only.
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, this.leftOver.map((entry) => `${JSON.stringify({ op: 'add', entry })}\n`).join(''));
    renameSync(tmp, this.path);
  }

  add(entry: JournalEntry): Promise<void> {
    this.entries.set(entry.key, entry);
    return this.append({ op: 'add', entry });
  }

  done(key: string): Promise<void> {
    if (!this.entries.delete(key)) return Promise.resolve();
    return this.append({ op: 'done', key });
  }

  running(): () => void {
    return () => undefined;
  }

  start(finish: (entry: JournalEntry) => Promise<void>): void {
    if (this.leftOver.length > 0)
      this.logger.info(
        { entries: this.leftOver.length, path: this.path },
        'journal: finishing pushes left unanswered',
      );
    for (const entry of this.leftOver.splice(0)) {
      void finish(entry).catch((err: unknown) =>
        this.logger.error({ err, key: entry.key }, 'journal: an entry could not be finished; it stays'),
      );
    }
  }

  pending(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    await this.writes;
    const file = this.file;
    this.file = undefined;
    if (file) await (await file).close();
  }

  /** Appends one line and syncs it, one write at a time (the order of add and done matters). */
  private append(line: Line): Promise<void> {
    const text = `${JSON.stringify(line)}\n`;
    const write = this.writes.then(async () => {
      this.file ??= open(this.path, 'a');
      const handle = await this.file;
      await handle.appendFile(text);
      await handle.datasync();
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  /** The unfinished entries of the file; a torn last line (a crash mid-write) is skipped. */
  private load(): JournalEntry[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const pending = new Map<string, JournalEntry>();
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        this.logger.warn({ path: this.path }, 'journal: an unreadable line skipped (torn write)');
        continue;
      }
      if (line.op === 'add') pending.set(line.entry.key, line.entry);
      else pending.delete(line.key);
    }
    return [...pending.values()];
  }
}
