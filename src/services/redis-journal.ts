/**
 * The journal shared by several instances: a Redis stream with a consumer group. The instance that acknowledges a
 * push adds it to the stream; every instance reads the group. An entry is finished (acknowledged and deleted) once
 * its done mark is set; while the instance running its handler lives (its `running` mark, renewed every few
 * seconds), nobody touches it; when that mark is gone and the answer is not out, the reader runs the handler again
 * and delivers. Entries held by a dead reader are claimed by another with `XAUTOCLAIM` after `claimIdleMs`; a
 * restarted instance with the same consumer name resumes its own at once.
 * @module
 */
import { hostname } from 'node:os';
import { silentLogger, type Logger } from '../logger.js';
import { connectRedis, type RedisClient } from '../redis-connection.js';
import type { Journal, JournalEntry } from '../webhook/slow/journal.js';

/** Settings of {@link RedisJournal}. */
export interface RedisJournalOptions {
  client: RedisClient;
  /** This instance's consumer name; keep it stable across restarts (default `hostname:pid`). */
  consumer?: string;
  /** Key prefix; default `wxmp:journal`. */
  prefix?: string;
  /** How often the stream is read; default 1000 ms. */
  pollMs?: number;
  /** An entry held this long by a silent consumer is claimed; default 30 s. */
  claimIdleMs?: number;
  /** How long the `running` mark lives without renewal; default 10 s (renewed every third of it). */
  runningTtlMs?: number;
  logger?: Logger;
  /** Closes the client on `close()`; default false. */
  ownsClient?: boolean;
}

const GROUP = 'wxmp';
const DONE_TTL_MS = 24 * 3600_000;

/**
 * A {@link Journal} in a Redis stream with a consumer group.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * import { connectRedis } from '../redis-connection.js';
 * const { client } = connectRedis(process.env.REDIS_URL!, { purpose: 'journal' });
 * const journal = new RedisJournal({ client, consumer: 'web-1', logger });
 * createWebhook(bot, { token: 'AAAAA', journal });
 * ```
 */
export class RedisJournal implements Journal {
  private readonly client: RedisClient;
  private readonly consumer: string;
  private readonly stream: string;
  private readonly prefix: string;
  private readonly pollMs: number;
  private readonly claimIdleMs: number;
  private readonly runningTtlMs: number;
  private readonly logger: Logger;
  private readonly ownsClient: boolean;
  /** Keys this process finishes now. */
  private readonly finishing = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private loop: Promise<void> = Promise.resolve();
  private length = 0;

  constructor(options: RedisJournalOptions) {
    this.client = options.client;
    this.consumer = options.consumer ?? `${hostname()}:${process.pid}`;
    this.prefix = options.prefix ?? 'wxmp:journal';
    this.stream = this.prefix;
    this.pollMs = options.pollMs ?? 1000;
    this.claimIdleMs = options.claimIdleMs ?? 30_000;
    this.runningTtlMs = options.runningTtlMs ?? 10_000;
    this.logger = options.logger ?? silentLogger;
    this.ownsClient = options.ownsClient ?? false;
  }

  async add(entry: JournalEntry): Promise<void> {
    await this.command(['XADD', this.stream, '*', 'key', entry.key, 'entry', JSON.stringify(entry)]);
    this.length += 1;
  }

  async done(key: string): Promise<void> {
    await this.command(['SET', `${this.prefix}:done:${key}`, '1', 'PX', String(DONE_TTL_MS)]);
    this.length = Math.max(0, this.length - 1);
  }

  running(key: string): () => void {
    const mark = `${this.prefix}:running:${key}`;
    const renew = () =>
      void this.command(['SET', mark, this.consumer, 'PX', String(this.runningTtlMs)]).catch(() => undefined);
    renew();
    const every = setInterval(renew, this.runningTtlMs / 3);
    every.unref();
    return () => {
      clearInterval(every);
      void this.command(['DEL', mark]).catch(() => undefined);
    };
  }

  start(finish: (entry: JournalEntry) => Promise<void>): void {
    const tick = async () => {
      try {
        // Not connected yet (at start) or reconnecting: the connection says so itself; nothing to warn about here.
        if (this.client.isReady) {
          await this.ensureGroup();
          await this.pass(finish);
        }
      } catch (err) {
        this.logger.warn({ err }, 'journal: the stream could not be read; trying again');
      }
      if (this.closed) return;
      this.timer = setTimeout(() => void (this.loop = tick()), this.pollMs);
      // The journal alone never keeps the process alive.
      this.timer.unref();
    };
    this.loop = tick();
  }

  pending(): number {
    return this.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.loop;
    if (this.ownsClient && this.client.isOpen) await this.client.close();
  }

  private groupReady = false;

  private async ensureGroup(): Promise<void> {
    if (this.groupReady) return;
    try {
      await this.command(['XGROUP', 'CREATE', this.stream, GROUP, '0', 'MKSTREAM']);
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
    this.groupReady = true;
  }

  /** One pass: this consumer's own entries, new ones, and those of consumers gone silent. */
  private async pass(finish: (entry: JournalEntry) => Promise<void>): Promise<void> {
    const mine = await this.read('0');
    const fresh = await this.read('>');
    const claimed = await this.autoclaim();
    for (const [id, fields] of [...mine, ...fresh, ...claimed]) await this.examine(id, fields, finish);
    this.length = Number(await this.command(['XLEN', this.stream]));
  }

  private async read(from: string): Promise<[string, string[]][]> {
    const reply = (await this.command([
      'XREADGROUP',
      'GROUP',
      GROUP,
      this.consumer,
      'COUNT',
      '100',
      'STREAMS',
      this.stream,
      from,
    ])) as [string, [string, string[] | null][]][] | null;
    const entries = reply?.[0]?.[1] ?? [];
    return entries.filter((e): e is [string, string[]] => e[1] !== null);
  }

  private async autoclaim(): Promise<[string, string[]][]> {
    const reply = (await this.command([
      'XAUTOCLAIM',
      this.stream,
      GROUP,
      this.consumer,
      String(this.claimIdleMs),
      '0-0',
      'COUNT',
      '100',
    ])) as [string, ([string, string[]] | null)[]];
    return (reply[1] ?? []).filter((e): e is [string, string[]] => e !== null);
  }

  /** Finished → acknowledged and deleted; someone running it → left; else finished here. */
  private async examine(
    id: string,
    fields: string[],
    finish: (entry: JournalEntry) => Promise<void>,
  ): Promise<void> {
    const at = fields.indexOf('entry');
    const raw = at >= 0 ? fields[at + 1] : undefined;
    if (raw === undefined) return this.drop(id);
    const entry = JSON.parse(raw) as JournalEntry;
    if (this.finishing.has(entry.key)) return;
    if ((await this.command(['EXISTS', `${this.prefix}:done:${entry.key}`])) === 1) return this.drop(id);
    // Take the running mark: absent means the instance that ran the handler is gone.
    const mark = `${this.prefix}:running:${entry.key}`;
    const taken = await this.command(['SET', mark, this.consumer, 'NX', 'PX', String(this.runningTtlMs)]);
    if (taken === null) return;
    // The handler's side sets the done mark before it lets go of the running mark: an answer that went out between
    // the check above and taking the mark shows now (the cluster proof saw 2 in 2,000 slow pushes sent twice).
    if ((await this.command(['EXISTS', `${this.prefix}:done:${entry.key}`])) === 1) {
      await this.command(['DEL', mark]);
      return this.drop(id);
    }
    this.finishing.add(entry.key);
    this.logger.info({ key: entry.key, id }, 'journal: finishing a push whose instance is gone');
    void finish(entry)
      .then(() => this.drop(id))
      .catch((err: unknown) =>
        this.logger.error({ err, key: entry.key }, 'journal: entry not finished; it stays'),
      )
      .finally(() => this.finishing.delete(entry.key));
  }

  private async drop(id: string): Promise<void> {
    await this.command(['XACK', this.stream, GROUP, id]);
    await this.command(['XDEL', this.stream, id]);
  }

  private command(args: string[]): Promise<unknown> {
    return this.client.sendCommand(args);
  }
}

/**
 * A {@link RedisJournal} on its own connection to `url`.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * const journal = redisJournalFromUrl(process.env.REDIS_URL!, { consumer: 'web-1', logger });
 * createWebhook(bot, { token: 'AAAAA', journal });
 * ```
 */
export function redisJournalFromUrl(
  url: string,
  options: Omit<RedisJournalOptions, 'client' | 'ownsClient'> = {},
): RedisJournal {
  const { client } = connectRedis(url, { logger: options.logger ?? silentLogger, purpose: 'journal' });
  return new RedisJournal({ ...options, client, ownsClient: true });
}
