/**
 * The frictions a newcomer met with the CLI, each as the process behaves: the version, a closed stdout, a Redis that
 * cannot be reached, the API base said before a change, and a refused force_refresh said with its reason.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type TestEmulator } from '../../../src/testing/index.js';
import { REDIS_URL, redisAvailable } from '../../support/redis.js';
import { runCli, startServe } from './cli.js';

const BIN = fileURLToPath(new URL('../../../bin/wxmp.js', import.meta.url));
const UNREACHABLE = 'redis://127.0.0.1:1';

describe('wxmp --version', () => {
  it('prints the version of the package', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const { code, stdout } = await runCli([flag]);
      expect(code).toBe(0);
      expect(stdout.trim()).toBe(pkg.version);
    }
  });
});

describe('a closed stdout (wxmp api --list | head)', () => {
  it('ends quietly: no EPIPE stack trace, exit 0', async () => {
    // The reading end is closed before wxmp writes, so every write fails with EPIPE.
    const child = spawn(process.execPath, [BIN, 'api', '--list'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('REDIS_URL that cannot be reached', () => {
  it('is said at once on stderr by a command that uses it, which goes on without it', async () => {
    const { stderr } = await runCli(['token'], {
      env: { REDIS_URL: 'redis://:hunter2hunter2@127.0.0.1:1', WECHAT_API_BASE: 'http://127.0.0.1:1' },
    });
    expect(stderr).toContain('wxmp: REDIS_URL (redis://:***@127.0.0.1:1) cannot be reached: ');
    expect(stderr).toContain('Going on without it');
    expect(stderr).not.toContain('hunter2');
  });
  it('stops wxmp serve --require-redis (and WXMP_REQUIRE_REDIS=1) with one line, exit 2', async () => {
    for (const [args, env] of [
      [['serve', '--port', '0', '--require-redis'], {}],
      [['serve', '--port', '0'], { WXMP_REQUIRE_REDIS: '1' }],
    ] as const) {
      const { code, stderr } = await runCli([...args], {
        env: { WECHAT_TOKEN: 'AAAAA', REDIS_URL: UNREACHABLE, ...env },
      });
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(
        /^wxmp: REDIS_URL \(redis:\/\/127\.0\.0\.1:1\) cannot be reached: .*Redis is required/,
      );
    }
  });
  it('wxmp serve without it answers /healthz as degraded, naming the store', async () => {
    const server = await startServe(['--example', 'echo'], {
      WECHAT_TOKEN: 'AAAAA',
      REDIS_URL: UNREACHABLE,
      WECHAT_MESSAGE_MODE: 'plain',
    });
    try {
      const res = await fetch(new URL('/healthz', server.url));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: 'degraded',
        store: 'redis',
        redis: 'down',
        required: false,
      });
    } finally {
      await server.stop();
    }
  });
});

describe('/healthz of wxmp serve', () => {
  it('says the store: memory without REDIS_URL', async () => {
    const server = await startServe(['--example', 'echo'], {
      WECHAT_TOKEN: 'AAAAA',
      WECHAT_MESSAGE_MODE: 'plain',
    });
    try {
      expect(await (await fetch(new URL('/healthz', server.url))).json()).toEqual({
        status: 'ok',
        store: 'memory',
      });
    } finally {
      await server.stop();
    }
  });
  it('says Redis is up when it is', async (ctx) => {
    if (!(await redisAvailable())) ctx.skip();
    const server = await startServe(['--example', 'echo', '--require-redis'], {
      WECHAT_TOKEN: 'AAAAA',
      REDIS_URL,
      WECHAT_MESSAGE_MODE: 'plain',
    });
    try {
      const health = async () => (await (await fetch(new URL('/healthz', server.url))).json()) as unknown;
      await expect.poll(health).toEqual({ status: 'ok', store: 'redis', redis: 'up', required: true });
    } finally {
      await server.stop();
    }
  });
});

describe('commands that change the account, against the emulator', () => {
  let emu: TestEmulator;
  let env: Record<string, string>;
  const appId = `wx${randomBytes(8).toString('hex')}`;
  beforeAll(async () => {
    emu = await startEmulator({ account: { appId } });
    env = {
      WECHAT_APPID: appId,
      WECHAT_APPSECRET: emu.state.account.appSecret,
      WECHAT_API_BASE: emu.url,
    };
  });
  afterAll(async () => {
    await emu.close();
  });

  it('say the API base on stderr before the call (menu delete, api POST), not for reads', async () => {
    const deleted = await runCli(['menu', 'delete'], { env });
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toContain(`wxmp: menu.delete on ${emu.url} (not WeChat: WECHAT_API_BASE`);
    const created = await runCli(['api', 'tag.create', '{"tag":{"name":"vip"}}'], { env });
    expect(created.stderr).toContain(`wxmp: tag.create on ${emu.url}`);
    const read = await runCli(['api', 'tag.list'], { env });
    expect(read.code).toBe(0);
    expect(read.stderr).toBe('');
  });

  it('wxmp token --force says when force_refresh was refused and why, exit 1', async (ctx) => {
    if (!(await redisAvailable())) ctx.skip();
    const withRedis = { ...env, REDIS_URL };
    try {
      const first = await runCli(['token', '--force'], { env: withRedis });
      expect(first.code).toBe(0);
      expect(first.stderr).toContain(`wxmp: force_refresh on ${emu.url}`);
      // A second one within 30 s, in another process sharing Redis: the gate refuses it.
      const second = await runCli(['token', '--force'], { env: withRedis });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(
        'wxmp: force_refresh refused: a forced refresh went out less than 30 s ago',
      );
      expect(second.stdout).toMatch(/^access_token \S+… expires in/);
    } finally {
      // Leave no keys behind.
      const client = await createClient({ url: REDIS_URL }).connect();
      const keys = await client.keys(`wxmp:${appId}:*`);
      if (keys.length > 0) await client.del(keys);
      await client.quit();
    }
  });
});

describe('wxmp menu push --dry-run', () => {
  it('reports every problem of the file at once, naming each button, exit 2', async () => {
    const menu = JSON.stringify({
      button: [
        { type: 'click', name: '一二三四五六', key: 'a' },
        { type: 'view', name: '官网', url: 'www.example.com' },
      ],
    });
    const file = join(mkdtempSync(join(tmpdir(), 'wxmp-menu-')), 'menu.json');
    writeFileSync(file, menu);
    const { code, stderr } = await runCli(['menu', 'push', file, '--dry-run']);
    expect(code).toBe(2);
    expect(stderr).toContain('wxmp: Menu has 2 problems:');
    expect(stderr).toContain('  - button[0] "一二三四五六" has a name of 18 bytes; WeChat allows 16');
    expect(stderr).toContain(
      '  - button[1] "官网" has a url that is not an absolute http(s) URL with a host',
    );
  });
});
