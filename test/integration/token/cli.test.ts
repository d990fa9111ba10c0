import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as registerToken } from '../../../src/cli/commands/token.js';
import { register as registerTokenServer } from '../../../src/cli/commands/token-server.js';
import { createEmulatedWeChat } from '../../support/emulated-wechat.js';

const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KEY = 'cli-client-key-0123456789';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `wxmp <args>` as a process; `until` ends it (SIGTERM) once stdout matches, for servers. */
function wxmp(
  args: string[],
  env: Record<string, string>,
  until?: (stdout: string) => Promise<void>,
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: ROOT,
      // Only what the test sets: no REDIS_URL or credentials leak in from the developer's shell.
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
    });
    let stdout = '';
    let stderr = '';
    let acting = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until && !acting && stdout.includes('listening')) {
        acting = true;
        void until(stdout).finally(() => child.kill('SIGTERM'));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('wxmp token / wxmp token-server', () => {
  // The commands run as processes: they reach the emulator over a loopback port.
  const wechat = createEmulatedWeChat();
  const { appId: APP_ID, appSecret: APP_SECRET } = wechat;
  let served: { url: string; close: () => Promise<void> };
  let dir: string;
  let env: Record<string, string>;
  const forcedCalls = () =>
    wechat.requestsOf('token.stable').filter((call) => call.json['force_refresh'] === true).length;

  beforeAll(async () => {
    served = await wechat.listen();
    dir = await mkdtemp(join(tmpdir(), 'wxmp-cli-'));
    env = { WECHAT_APPID: APP_ID, WECHAT_APPSECRET: APP_SECRET, WECHAT_API_BASE: served.url };
  });
  afterAll(async () => {
    await served.close();
    await wechat.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('--help describes both commands and their options', () => {
    const program = new Command('wxmp').exitOverride();
    let help = '';
    program.configureOutput({ writeOut: (s) => (help += s) });
    registerToken(program);
    registerTokenServer(program);
    expect(() => program.parse(['node', 'wxmp', 'token', '--help'])).toThrow();
    expect(help).toContain('--force');
    expect(help).toContain('--show');
    help = '';
    expect(() => program.parse(['node', 'wxmp', 'token-server', '--help'])).toThrow();
    expect(help).toContain('--port');
  });

  it('wxmp token prints the expiry and a masked token (6 characters and …), --show the whole token', async () => {
    const file = join(dir, 'tokens.json');
    const masked = await wxmp(['token', '--file', file], env);
    expect(masked.code).toBe(0);
    const match = /^access_token (\S+) expires in (\d+)h (\d+)m \d+s \(.+Z\)\n$/.exec(masked.stdout);
    expect(match).not.toBeNull();
    expect(match![1]).toMatch(/^.{6}…$/);
    const full = await wxmp(['token', '--show', '--file', file], env);
    const token = /^access_token (\S+) /.exec(full.stdout)![1]!;
    expect(await wechat.accepts(token)).toBe(true);
    expect(token.startsWith(match![1]!.slice(0, 6))).toBe(true);
  });

  it('wxmp token --force asks WeChat for a new token', async () => {
    const before = forcedCalls();
    const run = await wxmp(['token', '--force', '--show'], env);
    expect(run.code).toBe(0);
    expect(forcedCalls()).toBe(before + 1);
  });

  it('bad config fails with one line and exit code 2, for token and token-server', async () => {
    const [missing, invalid, noKeys] = await Promise.all([
      wxmp(['token'], { WECHAT_APPSECRET: APP_SECRET }),
      wxmp(['token'], { ...env, WECHAT_APPID: 'nope' }),
      wxmp(['token-server', '--port', '0'], env),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^wxmp: WECHAT_APPID is required[^\n]*\n$/);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^wxmp: WECHAT_APPID must look like[^\n]*\n$/);
    expect(noKeys.code).toBe(2);
    expect(noKeys.stderr).toMatch(/^wxmp: WXMP_CLIENT_KEYS is required[^\n]*\n$/);
  });

  it('wxmp token-server --port serves /token to a client key and stops on SIGTERM', async () => {
    let status = 0;
    let body: unknown;
    const run = await wxmp(
      ['token-server', '--port', '0', '--host', '127.0.0.1'],
      { ...env, WXMP_CLIENT_KEYS: KEY },
      async (stdout) => {
        const line = stdout.split('\n').find((l) => l.includes('listening'))!;
        const { port } = JSON.parse(line) as { port: number };
        const res = await fetch(`http://127.0.0.1:${port}/token`, {
          headers: { authorization: `Bearer ${KEY}` },
        });
        status = res.status;
        body = await res.json();
      },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ access_token: expect.any(String) as string });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(APP_SECRET);
    expect(run.stdout).not.toContain(KEY);
  });
});
