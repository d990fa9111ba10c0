import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeChatError } from '../../../src/errors.js';
import { createRedisStore } from '../../../src/token/stores/redis.js';
import { createRedisStoreFromUrl, fromNodeRedis } from '../../../src/token/stores/node-redis.js';
import { REDIS_URL, redisAvailable, uniquePrefix } from '../../support/redis.js';
import { closedPort } from '../../support/tcp-proxy.js';

const hasRedis = await redisAvailable();
const record = (value: string) => ({ value, expiresAt: Date.now() + 60_000, fetchedAt: Date.now() });

describe.skipIf(!hasRedis)('Redis store', () => {
  const client = createClient({ url: REDIS_URL, disableOfflineQueue: true });
  const prefix = uniquePrefix('redis-store');
  const store = createRedisStore({ redis: fromNodeRedis(client), prefix });

  beforeAll(async () => {
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
  });

  it('writes a record under the prefix with a TTL, and reads it back', async () => {
    await store.set('a', record('T1'), 30_000);
    expect((await store.get('a'))?.value).toBe('T1');
    const ttl = await client.pTTL(`${prefix}a`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('deleteIf (compare-and-delete script) removes only the exact value', async () => {
    await store.set('b', record('FRESH'), 30_000);
    expect(await store.deleteIf('b', 'STALE')).toBe(false);
    expect((await store.get('b'))?.value).toBe('FRESH');
    expect(await store.deleteIf('b', 'FRESH')).toBe(true);
    expect(await store.get('b')).toBeUndefined();
  });

  it('the lock is SET NX PX with an owner, released only by that owner', async () => {
    expect(await store.acquireLock!('lock', 'owner-a', 10_000)).toBe(true);
    expect(await store.acquireLock!('lock', 'owner-b', 10_000)).toBe(false);
    expect(await client.get(`${prefix}lock`)).toBe('owner-a');
    const ttl = await client.pTTL(`${prefix}lock`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
    await store.releaseLock!('lock', 'owner-b');
    expect(await client.get(`${prefix}lock`)).toBe('owner-a');
    await store.releaseLock!('lock', 'owner-a');
    expect(await store.acquireLock!('lock', 'owner-b', 10_000)).toBe(true);
  });

  it('takeSlot is one sliding window for every client of the prefix', async () => {
    const other = createClient({ url: REDIS_URL });
    await other.connect();
    const second = createRedisStore({ redis: fromNodeRedis(other), prefix });
    const now = Date.now();
    const taken = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? store : second).takeSlot!('cap', 10, 60_000, now + i)),
    );
    expect(taken.filter(Boolean)).toHaveLength(10);
    expect(await store.takeSlot!('cap', 10, 60_000, now + 60_001)).toBe(true); // the first call left the window
    await other.close();
  });

  it('fromNodeRedis sends a script by its SHA-1, loading it with EVAL only where Redis lacks it', async () => {
    const calls: string[] = [];
    const counting = {
      get: (key: string) => client.get(key),
      set: client.set.bind(client),
      close: () => client.close(),
      eval: (script: string, options: { keys: string[]; arguments: string[] }) => (
        calls.push('EVAL'),
        client.eval(script, options)
      ),
      evalSha: (sha: string, options: { keys: string[]; arguments: string[] }) => (
        calls.push('EVALSHA'),
        client.evalSha(sha, options)
      ),
    };
    const redis = fromNodeRedis(counting);
    // A script no one has loaded yet (its text is unique to this run).
    const script = `-- ${prefix}\nreturn ARGV[1] .. redis.call('GET', KEYS[1])`;
    await client.set(`${prefix}sha`, 'there', { expiration: { type: 'PX', value: 30_000 } });
    expect(await redis.eval(script, [`${prefix}sha`], ['hi '])).toBe('hi there');
    expect(calls).toEqual(['EVALSHA', 'EVAL']);
    expect(await redis.eval(script, [`${prefix}sha`], ['bye '])).toBe('bye there');
    expect(calls).toEqual(['EVALSHA', 'EVAL', 'EVALSHA']);
    // A script's own error is not retried with EVAL (only NOSCRIPT is).
    const failing = `-- ${prefix}\nreturn redis.call('NOSUCHCOMMAND')`;
    await expect(redis.eval(failing, [], [])).rejects.toThrow();
    await expect(redis.eval(failing, [], [])).rejects.toThrow();
    expect(calls.slice(3)).toEqual(['EVALSHA', 'EVAL', 'EVALSHA']);
  });

  it('a store pointed at a closed port fails its commands with STORE_ERROR instead of hanging', async () => {
    const down = createRedisStoreFromUrl(`redis://127.0.0.1:${await closedPort()}`, { prefix });
    const err = (await down.get('a').catch((e: unknown) => e)) as WeChatError;
    expect(err).toBeInstanceOf(WeChatError);
    expect(err.code).toBe('STORE_ERROR');
    await expect(down.acquireLock!('lock', 'x', 1000)).rejects.toMatchObject({ code: 'STORE_ERROR' });
    await down.close!();
  });
});
