/**
 * One credential's record in a {@link TokenStore} that may fail, kept so that a failing store never costs a
 * credential: while the store is down the last record this process saw is served; a record the store refused to
 * write (a read-only replica, an out-of-memory Redis) is served in place of the store's empty or older answer and
 * written again at most once a second. Each kind of trouble is logged once when it starts and once when it ends,
 * not once per call.
 * @module
 */
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TokenRecord, TokenStore } from './store.js';

/** Spacing of the retried writes of a record the store refused: one store write per second, not one per call. */
const WRITE_RETRY_MS = 1000;

/**
 * Options of {@link ResilientRecordStore}.
 */
export interface ResilientRecordStoreOptions {
  /** What is stored, for log lines: `access_token`, `jsapi_ticket`. */
  label: string;
  /** Store key of the record. */
  key: string;
  store: TokenStore;
  now: () => number;
  logger: Logger;
}

/**
 * Reads and writes one record, riding out store failures.
 *
 * @example
 * ```ts
 * import { silentLogger } from 'wxmp';
 * import { createMemoryStore } from 'wxmp/token';
 * const records = new ResilientRecordStore({
 *   label: 'access_token',
 *   key: 'wx1234:access_token',
 *   store: createMemoryStore(),
 *   now: Date.now,
 *   logger: silentLogger,
 * });
 * await records.save({ value: 'TOKEN', expiresAt: Date.now() + 7_200_000, fetchedAt: Date.now() });
 * const record = await records.read(); // the saved record, even if the store refused it
 * ```
 */
export class ResilientRecordStore {
  readonly #o: ResilientRecordStoreOptions;
  /** The last record this process read or fetched: what is served while the store is down. */
  #last: TokenRecord | undefined;
  /**
   * A record this process fetched but the store refused to keep: served until it expires, is forgotten or gets
   * written. Forgetting it would make every call fetch (and, in classic mode, rotate) anew.
   */
  #unsaved: TokenRecord | undefined;
  #nextWriteAt = Number.NEGATIVE_INFINITY;
  #writeFailing = false;
  #storeDown = false;

  constructor(options: ResilientRecordStoreOptions) {
    this.#o = options;
  }

  /** The last record this process read or fetched (it may have expired). */
  get last(): TokenRecord | undefined {
    return this.#last;
  }

  /**
   * The store's record, or the one this process could not write when the store lacks it, or (store down) the last
   * record this process saw.
   */
  async read(): Promise<TokenRecord | undefined> {
    let stored: TokenRecord | undefined;
    try {
      stored = await this.#o.store.get(this.#o.key);
    } catch (err) {
      this.reportFailure(err);
      return this.#last;
    }
    if (this.#storeDown) {
      this.#storeDown = false;
      this.#o.logger.info({ credential: this.#o.label }, 'token store reachable again');
    }
    const record = await this.#orUnsaved(stored);
    this.#last = record;
    return record;
  }

  /** Keeps a freshly fetched record: written to the store, or kept aside when the store refuses it. */
  async save(record: TokenRecord): Promise<void> {
    this.#last = record;
    // Kept aside when the store refuses it: the next read would find nothing and fetch again.
    this.#unsaved = (await this.#write(record)) ? undefined : record;
  }

  /** Deletes the stored record if it still holds `value`; false when it did not (or the store failed). */
  async deleteIf(value: string): Promise<boolean> {
    try {
      return await this.#o.store.deleteIf(this.#o.key, value);
    } catch (err) {
      this.reportFailure(err);
      return false;
    }
  }

  /** Drops `value` from this process's memory; true when this process held it. */
  forget(value: string): boolean {
    const held = this.#last?.value === value || this.#unsaved?.value === value;
    if (this.#last?.value === value) this.#last = undefined;
    if (this.#unsaved?.value === value) this.#unsaved = undefined;
    return held;
  }

  /** Notes a failed store call (from here, or from the lock, gate and cap on the same store); logged once per outage. */
  reportFailure(err: unknown): void {
    if (this.#storeDown) return;
    this.#storeDown = true;
    this.#o.logger.warn(
      { credential: this.#o.label, err: errorMessage(err) },
      'token store unavailable; serving the cached credential and capping calls in this process',
    );
  }

  /**
   * `stored`, unless the store lacks a record this process fetched and could not write: then that record, written
   * again (at most once per second).
   */
  async #orUnsaved(stored: TokenRecord | undefined): Promise<TokenRecord | undefined> {
    const unsaved = this.#unsaved;
    if (unsaved === undefined) return stored;
    const now = this.#o.now();
    // Expired, or the store now holds it or a later record (another process's): the store is right again.
    if (unsaved.expiresAt <= now || (stored !== undefined && stored.fetchedAt >= unsaved.fetchedAt)) {
      this.#unsaved = undefined;
      return stored;
    }
    if (now >= this.#nextWriteAt) {
      this.#nextWriteAt = now + WRITE_RETRY_MS;
      if ((await this.#write(unsaved)) && this.#unsaved === unsaved) this.#unsaved = undefined;
    }
    return unsaved;
  }

  /** Writes `record`; false when the store refused it (logged once per streak of refusals, not per call). */
  async #write(record: TokenRecord): Promise<boolean> {
    try {
      await this.#o.store.set(this.#o.key, record, Math.max(1, record.expiresAt - this.#o.now()));
    } catch (err) {
      if (!this.#writeFailing) {
        this.#writeFailing = true;
        this.#o.logger.warn(
          { credential: this.#o.label, err: errorMessage(err) },
          'token store refused the write; serving the credential from this process and retrying',
        );
      }
      return false;
    }
    if (this.#writeFailing) {
      this.#writeFailing = false;
      this.#o.logger.info({ credential: this.#o.label }, 'token store accepts writes again');
    }
    return true;
  }
}
