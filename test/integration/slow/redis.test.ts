/**
 * The strategies across instances (real Redis): WeChat's attempts of one push reach different instances, the handler
 * runs once, and the answer goes out once; the journal stream's entries of a dead instance are claimed and finished.
 */
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseMessage } from '../../../src/messages/parse.js';
import { buildPush, inbound } from '../../../src/push/index.js';
import { RedisAnswerStore } from '../../../src/services/redis-answer-store.js';
import { RedisDedup } from '../../../src/services/redis-dedup.js';
import { RedisJournal } from '../../../src/services/redis-journal.js';
import { fromNodeRedis } from '../../../src/token/stores/node-redis.js';
import type { RedisLike } from '../../../src/token/stores/redis.js';
import { createEchoBot } from '../../../src/examples/echo.js';
import { createWebhook, type Webhook } from '../../../src/webhook/handler.js';
import type { JournalEntry } from '../../../src/webhook/slow/journal.js';
import type { SlowStrategy } from '../../../src/webhook/slow/strategy.js';
import { DEFAULT_PULL_TEXT } from '../../../src/webhook/slow/strategy.js';
import { REDIS_URL, redisAvailable, uniquePrefix } from '../../support/redis.js';
import { captureLogger } from '../../support/token-test-kit.js';

const available = await redisAvailable();
const TOKEN = 'AAAAA';
const CUT_MS = 1000;
const FAN = { to: 'gh_account', from: 'oFanRedis' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The journal entry of the fan's text `content` (MsgId `msgId`), acknowledged now with `outcome`. */
const journalEntry = (msgId: string, content: string, outcome: JournalEntry['outcome']): JournalEntry => ({
  key: `msg:${msgId}`,
  message: parseMessage(inbound.text(FAN, content, msgId)),
  outcome,
  at: Date.now(),
});
const text = (body: string) => /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(body)?.[1] ?? body;

describe.skipIf(!available)('slow handlers across instances (real Redis)', () => {
  let client: ReturnType<typeof createClient>;
  beforeAll(async () => {
    client = createClient({ url: REDIS_URL });
    await client.connect();
  });
  afterAll(async () => {
    await client.quit();
  });

  /**
   * Two instances of one deployment sharing dedup and answers, each claim probing the fan's kept answers (as
   * `wxmp serve` does); the echo bot counts its runs. `counted` wraps what the instances send to Redis.
   */
  function deployment(
    slow: SlowStrategy[],
    options: { probes?: boolean; counted?: { dedup: RedisLike; answers: typeof client } } = {},
  ) {
    const prefix = uniquePrefix('slow');
    const probes = options.probes ?? true;
    let runs = 0;
    const instance = () => {
      const echo = createEchoBot().middleware();
      return createWebhook(
        (ctx, next) => {
          runs += 1;
          return echo(ctx, next);
        },
        {
          token: TOKEN,
          slow,
          replyBudgetMs: 800,
          wechatTimeoutMs: CUT_MS,
          dedup: new RedisDedup({
            redis: options.counted?.dedup ?? fromNodeRedis(client),
            prefix: `${prefix}dedup:`,
            pollMs: 10,
            probes,
          }),
          answers: new RedisAnswerStore({
            client: options.counted?.answers ?? client,
            prefix: `${prefix}answers:`,
            pollMs: 20,
          }),
        },
      );
    };
    return { a: instance(), b: instance(), runs: () => runs, prefix };
  }

  /** One push's three attempts as WeChat sends them (0, 1, 2 s), to the instances given. */
  async function attempts(targets: Webhook[], xml: string) {
    const push = buildPush(xml, { token: TOKEN, mode: 'plain' });
    const request = { method: 'POST', url: `/wx${push.search}`, body: push.body };
    const start = Date.now();
    const got: { attempt: number; at: number; body: string }[] = [];
    const all = targets.map(async (webhook, i) => {
      await sleep(i * CUT_MS - (Date.now() - start));
      const answer = await webhook.handle(request);
      got.push({ attempt: i + 1, at: Date.now() - start, body: text(answer.body) });
    });
    await Promise.all(all);
    return got.sort((x, y) => x.attempt - y.attempt);
  }

  it('stretch: the handler on A, the answer on the attempt B holds open; one run', async () => {
    const { a, b, runs } = deployment(['stretch', 'pull']);
    const got = await attempts([a, b, b], inbound.text(FAN, 'sleep 1', '7001'));
    // Attempt 2 (on B) is open at 1.0–2.0 s and gets the answer made on A at ~1 s.
    const live = got.find((g) => g.at <= g.attempt * CUT_MS && g.body === 'slept 1 s');
    expect(live?.attempt).toBe(2);
    expect(runs()).toBe(1);
    await Promise.all([a.close({ graceMs: 0 }), b.close({ graceMs: 0 })]);
  });

  it('pull: B answers the pull text, the answer made on A is pulled on B; one run', async () => {
    const { a, b, runs } = deployment(['stretch', 'pull']);
    const got = await attempts([a, b, b], inbound.text(FAN, 'sleep 3', '7002'));
    expect(got.at(-1)).toMatchObject({ attempt: 3, body: DEFAULT_PULL_TEXT });
    await sleep(1200);
    const next = await attempts([b], inbound.text(FAN, 'more', '7003'));
    expect(next[0]!.body).toBe('slept 3 s');
    expect(runs()).toBe(1);
    await Promise.all([a.close({ graceMs: 0 }), b.close({ graceMs: 0 })]);
  });

  it("an instance killed mid-handler: the survivor takes over, and WeChat's last attempt still answers in time", async () => {
    const { b, runs, prefix } = deployment(['stretch', 'pull']);
    // Instance A claimed the push at t = 0 and died: its mark (with the first-claim time) lapses at 2.3 s, after
    // WeChat's last attempt reached B at 2.0 s. B takes over, and counts the attempts from A's claim: this one is the
    // last, so it must answer within its budget (the pull text), not hold it as if the push were new.
    const start = Date.now();
    await client.set(`${prefix}dedup:msg:7004`, `\u0000pending:${start}`, { PX: 2 * CUT_MS + 300 });
    await sleep(2 * CUT_MS);
    const push = buildPush(inbound.text(FAN, 'sleep 2', '7004'), { token: TOKEN, mode: 'plain' });
    const last = await b.handle({ method: 'POST', url: `/wx${push.search}`, body: push.body });
    expect(Date.now() - start).toBeLessThan(3 * CUT_MS);
    expect(text(last.body)).toBe(DEFAULT_PULL_TEXT);
    await sleep(2200);
    const next = await attempts([b], inbound.text(FAN, 'more', '7005'));
    expect(next[0]!.body).toBe('slept 2 s');
    expect(runs()).toBe(1);
    await b.close({ graceMs: 0 });
  });

  it("pull: the fan's next message reaches B while A still works on the answer: B waits for it; one run", async () => {
    const { a, b, runs } = deployment(['stretch', 'pull']);
    const got = await attempts([a, b, b], inbound.text(FAN, 'sleep 3', '7004'));
    expect(got.at(-1)).toMatchObject({ attempt: 3, body: DEFAULT_PULL_TEXT });
    // ~2.8 s: the answer is due on A at ~3 s. B's claim sees the fan's expectation and waits within its budget.
    const next = await attempts([b], inbound.text(FAN, 'more', '7005'));
    expect(next[0]!.body).toBe('slept 3 s');
    expect(runs()).toBe(1);
    await Promise.all([a.close({ graceMs: 0 }), b.close({ graceMs: 0 })]);
  });

  /** What the instances send to Redis: the dedup's calls, and the answer store's commands. */
  function countingRedis() {
    const sent: string[] = [];
    const real = fromNodeRedis(client);
    const dedup: RedisLike = {
      get: (key) => (sent.push('dedup GET'), real.get(key)),
      set: (key, value, opts) => (sent.push('dedup SET'), real.set(key, value, opts)),
      eval: (script, keys, args) => (
        sent.push(`dedup EVAL ${keys.length} keys`),
        real.eval(script, keys, args)
      ),
    };
    const answers = new Proxy(client, {
      get(target, name) {
        if (name === 'sendCommand')
          return (args: string[]) => (sent.push(`answers ${args[0]}`), target.sendCommand(args));
        const value: unknown = Reflect.get(target, name);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { sent, counted: { dedup, answers } };
  }

  const plainPush = (i: number) => {
    const push = buildPush(inbound.text({ to: 'gh_account', from: `oFanCount${i}` }, `hi ${i}`, `72${i}`), {
      token: TOKEN,
      mode: 'plain',
    });
    return { method: 'POST', url: `/wx${push.search}`, body: push.body };
  };

  it('one round trip per push: the claim also tells whether the fan has an answer to pull', async () => {
    const { sent, counted } = countingRedis();
    const { a } = deployment(['stretch', 'pull'], { counted });
    // One push answered at once: its claim (with the fan's two answer-store keys) is all it waits for.
    const one = await a.handle(plainPush(0));
    expect(text(one.body)).toBe('hi 0');
    expect(sent).toEqual(['dedup EVAL 3 keys']);
    // Its answer goes to Redis after it went out (with the claims of the next moment, under load).
    await vi.waitFor(() => expect(sent).toEqual(['dedup EVAL 3 keys', 'dedup EVAL 1 keys']));
    // Ten pushes at once from ten fans: one script claims them all; the answer store is never asked.
    sent.length = 0;
    const ten = await Promise.all(Array.from({ length: 10 }, (_, i) => a.handle(plainPush(i + 1))));
    ten.forEach((res, i) => expect(text(res.body)).toBe(`hi ${i + 1}`));
    expect(sent).toEqual(['dedup EVAL 30 keys']);
    await a.close({ graceMs: 0 });
  });

  it('without probes (another Redis for the answers) each push asks the answer store itself', async () => {
    const { sent, counted } = countingRedis();
    const { a } = deployment(['stretch', 'pull'], { counted, probes: false });
    const one = await a.handle(plainPush(20));
    expect(text(one.body)).toBe('hi 20');
    expect(sent).toEqual(['dedup EVAL 1 keys', 'answers LPOP', 'answers GET']);
    await a.close({ graceMs: 0 });
  });

  it("the journal: a dead consumer's entry is claimed by another and finished once", async () => {
    const prefix = `${uniquePrefix('journal')}stream`;
    const entry = journalEntry('7101', 'sleep 1', 'pull');
    const dead = new RedisJournal({ client, prefix, consumer: 'dead', pollMs: 50, runningTtlMs: 300 });
    await dead.add(entry);
    // The dead consumer reads the entry (it is now in its pending list) and dies before finishing it.
    let deadSaw = 0;
    dead.start(() => {
      deadSaw += 1;
      return new Promise<void>(() => undefined);
    });
    await sleep(200);
    await dead.close();
    expect(deadSaw).toBe(1);
    const finished: string[] = [];
    const alive = new RedisJournal({ client, prefix, consumer: 'alive', pollMs: 50, claimIdleMs: 400 });
    alive.start(async (e) => {
      finished.push(e.key);
      await alive.done(e.key);
    });
    const end = Date.now() + 5000;
    while (Date.now() < end && (finished.length === 0 || Number(await client.xLen(prefix)) > 0))
      await sleep(50);
    await alive.close();
    expect(finished).toEqual(['msg:7101']);
    expect(Number(await client.xLen(prefix))).toBe(0);
  });

  it('the journal: started before its connection is up, it waits for it without a warning, then reads', async () => {
    const prefix = `${uniquePrefix('journal')}stream`;
    const entry = journalEntry('7103', 'hi', 'pull');
    await new RedisJournal({ client, prefix, consumer: 'gone', runningTtlMs: 300 }).add(entry);
    const logger = captureLogger();
    const late = createClient({ url: REDIS_URL });
    const finished: string[] = [];
    const journal = new RedisJournal({
      client: late,
      prefix,
      consumer: 'late',
      pollMs: 20,
      claimIdleMs: 0,
      logger,
    });
    journal.start((e) => {
      finished.push(e.key);
      return journal.done(e.key);
    });
    await sleep(150);
    expect(logger.lines.filter((line) => line.includes('"warn"'))).toEqual([]);
    expect(finished).toEqual([]);
    await late.connect();
    const end = Date.now() + 5000;
    while (Date.now() < end && finished.length === 0) await sleep(20);
    await journal.close();
    await late.quit();
    expect(finished).toEqual(['msg:7103']);
  });

  it('the journal: an answer finished while a reader looks at its entry is not sent again', async () => {
    const prefix = `${uniquePrefix('journal')}stream`;
    const key = 'msg:7102';
    const entry = journalEntry('7102', 'sleep 1', 'customer-service');
    // The instance running the handler: its running mark is up, and it journaled the acknowledged push.
    const runner = new RedisJournal({ client, prefix, consumer: 'runner', runningTtlMs: 5000 });
    const stopRunning = runner.running(key);
    await runner.add(entry);
    await sleep(50);
    // A reader on the real Redis, whose first look at the done mark is followed at once by the runner finishing:
    // the done mark is set, then the running mark let go (as `SlowAnswers` does), before the reader takes it.
    let raced = false;
    const sendCommand = async (args: string[]) => {
      const reply = await client.sendCommand(args);
      if (!raced && args[0] === 'EXISTS' && args[1] === `${prefix}:done:${key}`) {
        raced = true;
        await runner.done(key);
        stopRunning();
        await sleep(50);
      }
      return reply;
    };
    const racing = new Proxy(client, {
      get: (target, prop) => {
        if (prop === 'sendCommand') return sendCommand;
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const finished: string[] = [];
    const reader = new RedisJournal({ client: racing, prefix, consumer: 'reader', pollMs: 50 });
    reader.start((e) => {
      finished.push(e.key);
      return Promise.resolve();
    });
    const end = Date.now() + 5000;
    while (Date.now() < end && Number(await client.xLen(prefix)) > 0) await sleep(50);
    await reader.close();
    expect(raced).toBe(true);
    expect(Number(await client.xLen(prefix))).toBe(0);
    expect(finished).toEqual([]);
  });
});
