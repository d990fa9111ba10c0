import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildPush, inbound } from '../../../src/push/index.js';
import { RedisDedup, redisDedupFromUrl } from '../../../src/services/redis-dedup.js';
import { fromNodeRedis } from '../../../src/token/stores/node-redis.js';
import type { RedisLike } from '../../../src/token/stores/redis.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import { Router } from '../../../src/webhook/router.js';
import { REDIS_URL, redisAvailable, uniquePrefix } from '../../support/redis.js';
import { captureLogger } from '../../support/token-test-kit.js';
import { closedPort } from '../../support/tcp-proxy.js';

const available = await redisAvailable();
const TOKEN = 'AAAAA';

describe.skipIf(!available)('RedisDedup across webhook instances (real Redis)', () => {
  let client: ReturnType<typeof createClient>;
  let redis: RedisLike;
  beforeAll(async () => {
    client = createClient({ url: REDIS_URL });
    await client.connect();
    redis = fromNodeRedis(client);
  });
  afterAll(async () => {
    await client.quit();
  });

  /** Two instances of one deployment, sharing a prefix; each counts its handler runs. */
  function deployment(handler: () => unknown) {
    const prefix = uniquePrefix('dedup');
    let runs = 0;
    const instance = () => {
      const bot = new Router();
      bot.use(() => {
        runs++;
        return handler() as string | Promise<string>;
      });
      return createWebhook(bot, { token: TOKEN, dedup: new RedisDedup({ redis, prefix, pollMs: 10 }) });
    };
    return { a: instance(), b: instance(), runs: () => runs };
  }

  const push = () =>
    buildPush(inbound.text({ to: 'gh_1', from: 'oFan' }, 'hi'), { token: TOKEN, mode: 'plain' });

  it('a retry reaching another instance while the first runs gets the same reply; the handler runs once', async () => {
    const { a, b, runs } = deployment(async () => {
      await new Promise((r) => setTimeout(r, 150));
      return 'from the first instance';
    });
    const p = push();
    const request = { method: 'POST', url: `/wx${p.search}`, body: p.body };
    const [ra, rb] = await Promise.all([a.handle(request), b.handle(request)]);
    expect(runs()).toBe(1);
    expect(ra.body).toContain('from the first instance');
    expect(rb.body).toBe(ra.body);
  });

  it('one round trip per push, shared: the claims of one moment go out in one EVAL, their answers in the next (MONITOR)', async () => {
    // A connection of its own, so MONITOR can pick out its commands from other clients of this Redis.
    const own = createClient({ url: REDIS_URL });
    await own.connect();
    const monitor = createClient({ url: REDIS_URL });
    await monitor.connect();
    try {
      const info = await own.sendCommand<string>(['CLIENT', 'INFO']);
      const addr = /addr=(\S+)/.exec(info)![1]!;
      const seen: string[] = [];
      await monitor.monitor((line: string) => {
        if (line.includes(` ${addr}]`)) seen.push(line);
      });
      const prefix = uniquePrefix('dedup-rt');
      const sent: { command: string; keys: number }[] = [];
      const real = fromNodeRedis(own);
      // Counts what the instances send.
      const counting: RedisLike = {
        get: (key) => (sent.push({ command: 'GET', keys: 1 }), real.get(key)),
        set: (key, value, opts) => (sent.push({ command: 'SET', keys: 1 }), real.set(key, value, opts)),
        eval: (script, keys, args) => (
          sent.push({ command: 'EVAL', keys: keys.length }),
          real.eval(script, keys, args)
        ),
      };
      let runs = 0;
      const bot = new Router();
      bot.on('text', (ctx) => (runs++, `echo ${ctx.message.content}`));
      const a = createWebhook(bot, { token: TOKEN, dedup: new RedisDedup({ redis: counting, prefix }) });
      const b = createWebhook(bot, { token: TOKEN, dedup: new RedisDedup({ redis: counting, prefix }) });
      const requests = Array.from({ length: 10 }, (_, i) => {
        const p = buildPush(inbound.text({ to: 'gh_1', from: 'oFan' }, `hi ${i}`), {
          token: TOKEN,
          mode: 'plain',
        });
        return { method: 'POST', url: `/wx${p.search}`, body: p.body };
      });

      // Ten pushes at once: one script claims all ten; the next stores the ten answers.
      const first = await Promise.all(requests.map((r) => a.handle(r)));
      first.forEach((res, i) => expect(res.body).toContain(`echo hi ${i}`));
      await vi.waitFor(() => expect(sent).toHaveLength(2));
      expect(sent).toEqual([
        { command: 'EVAL', keys: 10 },
        { command: 'EVAL', keys: 10 },
      ]);
      // The answers are in Redis (read on another connection, so MONITOR does not count it).
      await vi.waitFor(async () => expect(await client.keys(`${prefix}*`)).toHaveLength(10));
      // Retries at the same instance are answered from memory: nothing sent.
      for (const [i, r] of requests.entries()) expect((await a.handle(r)).body).toBe(first[i]!.body);
      expect(sent).toHaveLength(2);
      // Retries at another instance: one script returns the ten stored answers; no handler runs.
      const retried = await Promise.all(requests.map((r) => b.handle(r)));
      retried.forEach((res, i) => expect(res.body).toBe(first[i]!.body));
      expect(sent).toEqual([
        { command: 'EVAL', keys: 10 },
        { command: 'EVAL', keys: 10 },
        { command: 'EVAL', keys: 10 },
      ]);
      expect(runs).toBe(10);
      // What Redis itself saw from this connection: three scripts for 10 pushes and 20 retries, sent by SHA-1 (and
      // once in full where this Redis did not have the script yet).
      const commands = () => seen.map((l) => /\] "(\w+)"/.exec(l)?.[1]?.toUpperCase());
      await vi.waitFor(() => expect(commands().filter((c) => c === 'EVALSHA')).toHaveLength(3));
      expect(commands().filter((c) => c !== 'EVALSHA').length).toBeLessThanOrEqual(1);
      expect(commands().filter((c) => c !== 'EVALSHA' && c !== 'EVAL')).toEqual([]);
    } finally {
      monitor.destroy(); // quit never completes in MONITOR mode
      await own.quit();
    }
  });

  it('a later retry at another instance is answered from Redis', async () => {
    const { a, b, runs } = deployment(() => 'stored reply');
    const p = push();
    const request = { method: 'POST', url: `/wx${p.search}`, body: p.body };
    const first = await a.handle(request);
    const retry = await b.handle(request);
    expect(runs()).toBe(1);
    expect(retry.body).toBe(first.body);
  });

  it('claims made while a script is on its way wait for it and go out together in the next', async () => {
    const prefix = uniquePrefix('dedup-inflight');
    const batches: number[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const gated: RedisLike = {
      ...redis,
      eval: async (script, keys, args) => {
        // ARGV[2]: how many claims the script carries.
        batches.push(Number(args[1]));
        if (batches.length === 1) await held;
        return redis.eval(script, keys, args);
      },
    };
    const dedup = new RedisDedup({ redis: gated, prefix });
    const first = dedup.run('msg:0', () => 'answer 0').value;
    const later: Promise<string>[] = [];
    for (let i = 1; i <= 5; i++) {
      // Each claim in a turn of its own: without the first script's reply, none goes out.
      await new Promise((resolve) => setImmediate(resolve));
      later.push(Promise.resolve(dedup.run(`msg:${i}`, () => `answer ${i}`).value));
    }
    expect(batches).toEqual([1]);
    release();
    expect(await first).toBe('answer 0');
    expect(await Promise.all(later)).toEqual([1, 2, 3, 4, 5].map((i) => `answer ${i}`));
    // The five claims in one script (with the first answer), then their five answers in another.
    await vi.waitFor(() => expect(batches).toEqual([1, 5, 0]));
  });

  it('probes: a claim tells its work whether any probe key exists; without `probes` the work is not told', async () => {
    const prefix = uniquePrefix('dedup-probe');
    await redis.set(`${prefix}kept:oFan`, 'x', { pxMs: 60_000 });
    const dedup = new RedisDedup({ redis, prefix, probes: true });
    const told: (boolean | undefined)[] = [];
    const work = (found?: boolean) => (told.push(found), 'answer');
    const probe = (fan: string) => [`${prefix}kept:${fan}`, `${prefix}expect:${fan}`];
    await dedup.run('msg:1', work, probe('oFan')).value;
    await dedup.run('msg:2', work, probe('oOther')).value;
    await dedup.run('msg:3', work).value;
    await new RedisDedup({ redis, prefix }).run('msg:4', work, probe('oFan')).value;
    expect(told).toEqual([true, false, undefined, undefined]);
  });

  it('a claim whose instance died mid-handler lapses with its lease: the retry elsewhere runs the handler', async () => {
    const prefix = uniquePrefix('dedup-lease');
    // What a killed instance leaves behind: the pending mark of its claim (as its script sets it), renewed by no one.
    await redis.set(`${prefix}oFan:3`, '\u0000pending', { pxMs: 300 });
    const other = new RedisDedup({ redis, prefix, leaseMs: 300, pollMs: 10, waitMs: 4_000 });
    let runs = 0;
    const { value } = other.run('oFan:3', () => {
      runs++;
      return 'answered by the survivor';
    });
    expect(await value).toBe('answered by the survivor');
    expect(runs).toBe(1);
  });

  it('taking over a lapsed claim, the handler learns when the push was first claimed (WeChat counts from there)', async () => {
    const prefix = uniquePrefix('dedup-takeover');
    const firstClaimed = Date.now() - 4_000;
    // The mark a claim sets: pending, and when the push was first claimed.
    await redis.set(`${prefix}oFan:4`, `\u0000pending:${firstClaimed}`, { pxMs: 300 });
    const other = new RedisDedup({ redis, prefix, leaseMs: 300, pollMs: 10, waitMs: 4_000 });
    const seen: (number | undefined)[] = [];
    const { value } = other.run('oFan:4', (_found, firstSeenMs) => {
      seen.push(firstSeenMs);
      return new Promise<string>((r) => setTimeout(() => r('taken over'), 400));
    });
    // While the survivor runs it, its own mark (renewed) carries the same first-claim time for the next taker.
    await new Promise((r) => setTimeout(r, 450));
    expect(await redis.get(`${prefix}oFan:4`)).toBe(`\u0000pending:${firstClaimed}`);
    expect(await value).toBe('taken over');
    expect(seen).toEqual([firstClaimed]);
    // A first claim is not a takeover: no time is passed.
    const fresh: (number | undefined)[] = [];
    await other.run('oFan:5', (_found, firstSeenMs) => {
      fresh.push(firstSeenMs);
      return 'first';
    }).value;
    expect(fresh).toEqual([undefined]);
  });

  it('a live instance renews its claim while the handler runs: a retry elsewhere waits for its answer', async () => {
    const prefix = uniquePrefix('dedup-renew');
    const first = new RedisDedup({ redis, prefix, leaseMs: 300, pollMs: 10 });
    const second = new RedisDedup({ redis, prefix, leaseMs: 300, pollMs: 10, waitMs: 4_000 });
    const slow = first.run(
      'oFan:1',
      () => new Promise<string>((r) => setTimeout(() => r('slow answer'), 1_000)),
    );
    await new Promise((r) => setTimeout(r, 50));
    let runs = 0;
    const retry = second.run('oFan:1', () => {
      runs++;
      return 'second run';
    });
    expect(await retry.value).toBe('slow answer');
    expect(await slow.value).toBe('slow answer');
    expect(runs).toBe(0);
  });
});

describe('RedisDedup when Redis fails', () => {
  it('with Redis unreachable the push is still handled (nothing is lost)', async () => {
    const down: RedisLike = {
      get: () => Promise.reject(new Error('ECONNREFUSED')),
      set: () => Promise.reject(new Error('ECONNREFUSED')),
      eval: () => Promise.reject(new Error('ECONNREFUSED')),
    };
    const bot = new Router();
    bot.on('text', (ctx) => `handled ${ctx.message.content}`);
    const webhook = createWebhook(bot, { token: TOKEN, dedup: new RedisDedup({ redis: down }) });
    const p = buildPush(inbound.text({ to: 'gh_1', from: 'oFan' }, 'hi'), { token: TOKEN, mode: 'plain' });
    const res = await webhook.handle({ method: 'POST', url: `/wx${p.search}`, body: p.body });
    expect(res.body).toContain('handled hi');
  });

  it('redisDedupFromUrl at a closed port: pushes are handled here, one warning says so, close ends the retries', async () => {
    const logger = captureLogger();
    const { dedup, close } = redisDedupFromUrl(`redis://127.0.0.1:${await closedPort()}`, logger);
    const bot = new Router();
    bot.on('text', (ctx) => `handled ${ctx.message.content}`);
    const webhook = createWebhook(bot, { token: TOKEN, dedup });
    const p = buildPush(inbound.text({ to: 'gh_1', from: 'oFan' }, 'hi'), { token: TOKEN, mode: 'plain' });
    const res = await webhook.handle({ method: 'POST', url: `/wx${p.search}`, body: p.body });
    expect(res.body).toContain('handled hi');
    const outages = () => logger.lines.filter((l) => l.includes('redis unreachable; retrying'));
    await vi.waitFor(() => expect(outages()).not.toHaveLength(0));
    await new Promise((resolve) => setTimeout(resolve, 300)); // more reconnect attempts, no more warnings
    expect(outages()).toHaveLength(1);
    expect(JSON.parse(outages()[0]!)).toMatchObject({ level: 'warn', purpose: 'dedup' });
    await close();
    await close();
  });
});
