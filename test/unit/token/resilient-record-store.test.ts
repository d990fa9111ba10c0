import { describe, expect, it } from 'vitest';
import { ResilientRecordStore } from '../../../src/token/resilient-record-store.js';
import type { TokenStore } from '../../../src/token/store.js';
import { createMemoryStore } from '../../../src/token/stores/memory.js';
import { captureLogger, Clock, flakyStore, readOnlyStore } from '../../support/token-test-kit.js';

const KEY = 'wx1:access_token';

function setup(wrap: (inner: TokenStore) => TokenStore = (inner) => inner) {
  const clock = new Clock();
  const inner = createMemoryStore({ now: clock.now });
  const store = wrap(inner);
  const logger = captureLogger();
  const records = new ResilientRecordStore({
    label: 'access_token',
    key: KEY,
    store,
    now: clock.now,
    logger,
  });
  const record = (value: string, lifetimeMs = 7_200_000) => ({
    value,
    expiresAt: clock.t + lifetimeMs,
    fetchedAt: clock.t,
  });
  const logged = (text: string) => logger.lines.filter((l) => l.includes(text)).length;
  return { clock, inner, store, records, record, logged };
}

describe('ResilientRecordStore', () => {
  it('reads what it saved, through the store', async () => {
    const { records, record, inner } = setup();
    await records.save(record('T1'));
    expect((await records.read())?.value).toBe('T1');
    expect((await inner.get(KEY))?.value).toBe('T1');
  });

  it('serves the last record while the store is down, logging the outage and the recovery once each', async () => {
    const flaky = { store: undefined as (TokenStore & { down: boolean }) | undefined };
    const { records, record, logged } = setup((inner) => (flaky.store = flakyStore(inner)));
    await records.save(record('T1'));
    flaky.store!.down = true;
    for (let i = 0; i < 5; i++) expect((await records.read())?.value).toBe('T1');
    expect(logged('token store unavailable')).toBe(1);
    flaky.store!.down = false;
    expect((await records.read())?.value).toBe('T1');
    await records.read();
    expect(logged('token store reachable again')).toBe(1);
  });

  it('serves a record the store refused, retrying the write at most once a second, logged once per streak', async () => {
    const held = { store: undefined as ReturnType<typeof readOnlyStore> | undefined };
    const { records, record, clock, inner, logged } = setup((i) => (held.store = readOnlyStore(i)));
    const store = held.store!;
    await records.save(record('T1'));
    expect(store.writes).toBe(1);
    for (let i = 0; i < 10; i++) expect((await records.read())?.value).toBe('T1');
    expect(store.writes).toBe(2); // one retry in the first second
    clock.advance(1000);
    await records.read();
    expect(store.writes).toBe(3);
    expect(logged('token store refused the write')).toBe(1);

    store.writable = true;
    clock.advance(1000);
    expect((await records.read())?.value).toBe('T1');
    expect((await inner.get(KEY))?.value).toBe('T1');
    expect(logged('token store accepts writes again')).toBe(1);
  });

  it('drops the refused record once it expires or the store holds a later one', async () => {
    const held = { store: undefined as ReturnType<typeof readOnlyStore> | undefined };
    const { records, record, clock, inner } = setup((i) => (held.store = readOnlyStore(i)));
    await records.save(record('MINE', 10_000));
    clock.advance(1);
    await inner.set(KEY, record('THEIRS'), 7_200_000); // another process wrote a later record
    expect((await records.read())?.value).toBe('THEIRS');

    await records.save(record('MINE-2', 10_000));
    await inner.set(KEY, { value: 'OLDER', expiresAt: clock.t + 7_200_000, fetchedAt: 0 }, 7_200_000);
    expect((await records.read())?.value).toBe('MINE-2'); // the store's record is older than ours
    clock.advance(10_000);
    expect((await records.read())?.value).toBe('OLDER');
  });

  it('forget drops only that value and says whether this process held it', async () => {
    const { records, record } = setup();
    await records.save(record('T1'));
    expect(records.forget('OTHER')).toBe(false);
    expect(records.last?.value).toBe('T1');
    expect(records.forget('T1')).toBe(true);
    expect(records.last).toBeUndefined();
  });

  it('deleteIf deletes only the exact value, and answers false while the store is down', async () => {
    const flaky = { store: undefined as (TokenStore & { down: boolean }) | undefined };
    const { records, record, logged } = setup((inner) => (flaky.store = flakyStore(inner)));
    await records.save(record('T1'));
    expect(await records.deleteIf('STALE')).toBe(false);
    flaky.store!.down = true;
    expect(await records.deleteIf('T1')).toBe(false);
    expect(logged('token store unavailable')).toBe(1);
    flaky.store!.down = false;
    expect(await records.deleteIf('T1')).toBe(true);
  });
});
