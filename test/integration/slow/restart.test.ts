/**
 * Nothing lost on restart: `wxmp serve` (the echo bot, `sleep N`) is killed with SIGKILL after it acknowledged a
 * push and before the answer went out; the journal finishes it after a restart (a local file), or another instance
 * claims it (a Redis stream). The fan gets the answer once, against the emulator at WeChat's real 5-s timing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEntry } from '../../../src/emulator/chat-entry.js';
import { startEmulator, type TestEmulator } from '../../../src/testing/index.js';
import { REDIS_URL, redisAvailable, uniquePrefix } from '../../support/redis.js';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';

const available = await redisAvailable();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close().catch(() => undefined);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function emulator() {
  const emu = await startEmulator();
  cleanup.push(() => emu.close());
  const answers: { at: number; via: ChatEntry['via']; text: string }[] = [];
  const start = Date.now();
  emu.state.on('chat', (entry: ChatEntry) => {
    if (entry.direction === 'out')
      answers.push({
        at: Date.now() - start,
        via: entry.via,
        text: (entry.payload as { content?: string }).content ?? '',
      });
  });
  return { emu, answers, start };
}

function envOf(emu: TestEmulator, extra: Record<string, string> = {}) {
  const { token, appId, appSecret } = emu.state.account;
  return {
    WECHAT_TOKEN: token,
    WECHAT_APPID: appId,
    WECHAT_APPSECRET: appSecret,
    WECHAT_API_BASE: emu.url,
    WECHAT_MESSAGE_MODE: 'plain',
    ...extra,
  };
}

async function serve(args: string[], env: Record<string, string>, port: number): Promise<ServerProcess> {
  const server = await startServerProcess('serve', ['--example', 'echo', ...args], env, { port });
  cleanup.push(() => server.stop('SIGKILL'));
  return server;
}

async function waitFor(check: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await sleep(100);
}

describe('a push acknowledged before its answer went out survives SIGKILL', () => {
  it('a local journal: the restarted instance finishes it; the fan gets the answer once', async () => {
    const { emu, answers, start } = await emulator();
    const journal = join(mkdtempSync(join(tmpdir(), 'wxmp-journal-')), 'journal');
    const port = await freePort();
    const args = ['--slow', 'customer-service', '--journal', journal];
    const first = await serve(args, envOf(emu), port);
    emu.state.account.webhookUrl = `${first.url}/wx`;
    // Acknowledged (success) at the 4.5-s budget; the answer is due at 6 s.
    await emu.say('sleep 6');
    expect(emu.state.pushes.at(-1)).toMatchObject({ replyXml: 'success' });
    expect(readFileSync(journal, 'utf8')).toContain('"op":"add"');
    const killedAt = Date.now() - start;
    await first.stop('SIGKILL');
    const second = await serve(args, envOf(emu), port);
    await waitFor(() => answers.some((a) => a.text === 'slept 6 s'), 20_000);
    await sleep(1500);
    expect(answers.filter((a) => a.text === 'slept 6 s')).toHaveLength(1);
    expect(answers.find((a) => a.text === 'slept 6 s')?.via).toBe('customer-service');
    expect(second.output()).toContain('journal: finishing pushes left unanswered');
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    expect(lines.at(-1)).toContain('"op":"done"');
    console.log(
      `file journal: acknowledged at ~4.5 s, killed at ${killedAt} ms, answer as customer-service message at ${answers.find((a) => a.text === 'slept 6 s')!.at} ms, once`,
    );
  }, 60_000);

  it('SIGTERM: the held attempt answers by its budget, the process exits 0 within the grace, the restart finishes the answer', async () => {
    const { emu, answers } = await emulator();
    const journal = join(mkdtempSync(join(tmpdir(), 'wxmp-journal-')), 'journal');
    const port = await freePort();
    const args = ['--slow', 'stretch,pull', '--journal', journal, '--shutdown-grace', '1000'];
    const first = await serve(args, envOf(emu), port);
    emu.state.account.webhookUrl = `${first.url}/wx`;
    const pushed = emu.say('sleep 8');
    await sleep(2000);
    const stopped = await first.stop('SIGTERM');
    await pushed;
    expect(stopped.code).toBe(0);
    // The held attempt stops holding at its budget (4.5 s after it arrived, 2.5 s after the signal).
    expect(stopped.ms).toBeLessThan(5000);
    // The fan read the pull text on the first attempt.
    expect(answers.map((a) => a.text)).toEqual(['还在思考，稍后回复任意内容获取结果']);
    expect(emu.state.pushes.at(-1)!.attempts).toHaveLength(1);
    await serve(args, envOf(emu), port);
    await sleep(9000);
    const next = await emu.say('好了吗');
    expect(next.map((e) => (e.payload as { content?: string }).content)).toEqual(['slept 8 s']);
    console.log(`SIGTERM: exit 0 after ${stopped.ms} ms; the answer pulled after the restart`);
  }, 60_000);

  it.skipIf(!available)(
    'a Redis journal: another instance claims the entry of the killed one; the fan gets the answer once',
    async () => {
      const { emu, answers, start } = await emulator();
      const prefix = uniquePrefix('restart');
      const shared = { REDIS_URL, WXMP_REDIS_PREFIX: prefix, WXMP_JOURNAL_CLAIM_MS: '2000' };
      const a = await serve(
        ['--slow', 'customer-service'],
        envOf(emu, { ...shared, WXMP_INSTANCE: 'a' }),
        await freePort(),
      );
      const b = await serve(
        ['--slow', 'customer-service'],
        envOf(emu, { ...shared, WXMP_INSTANCE: 'b' }),
        await freePort(),
      );
      emu.state.account.webhookUrl = `${a.url}/wx`;
      await emu.say('sleep 6');
      expect(emu.state.pushes.at(-1)).toMatchObject({ replyXml: 'success' });
      const killedAt = Date.now() - start;
      // Every key of the deployment is under its WXMP_REDIS_PREFIX, the retry dedup's too (kept 20 s).
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      const dedupKeys = await redis.keys(`${prefix}dedup:*`);
      await redis.quit();
      expect(dedupKeys.length).toBeGreaterThan(0);
      await a.stop('SIGKILL');
      // A's running mark lapses within 10 s; B then runs the handler again (6 s) and delivers.
      await waitFor(() => answers.some((x) => x.text === 'slept 6 s'), 30_000);
      await sleep(1500);
      expect(answers.filter((x) => x.text === 'slept 6 s')).toHaveLength(1);
      expect(b.output()).toContain('journal: finishing a push whose instance is gone');
      console.log(
        `redis journal: acknowledged at ~4.5 s, A killed at ${killedAt} ms, B delivered at ${answers.find((x) => x.text === 'slept 6 s')!.at} ms, once`,
      );
    },
    60_000,
  );
});
