/**
 * `wxmp dev --webhook` keeps the emulated world across restarts by default, in a file of the working directory, and
 * says so; `--no-state` keeps nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/wxmp.js', import.meta.url));
const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
});

/** Starts `wxmp dev ...args` in `cwd`; resolves with its URL and the banner once it listens. */
async function dev(
  cwd: string,
  args: string[],
): Promise<{ url: string; banner: string; child: ChildProcess }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('WECHAT_') || key === 'PORT') delete env[key];
  const child = spawn(process.execPath, [BIN, 'dev', '--port', '0', ...args], { cwd, env });
  running.push(child);
  let banner = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wxmp dev did not start:\n${banner}`)), 30_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      banner += d;
      const found = /open (http:\/\/\S+)/.exec(banner);
      if (found && banner.includes('  state ')) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`wxmp dev exited with ${code}:\n${banner}`)));
  });
  return { url, banner, child };
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

const fans = async (url: string): Promise<string[]> => {
  const body = (await (await fetch(new URL('/__emulator/fans', url))).json()) as {
    fans: { nickname: string }[];
  };
  return body.fans.map((f) => f.nickname);
};

describe('wxmp dev --webhook', () => {
  it('keeps fans across a restart in .wxmp/dev-state.json of the working directory, and says so', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wxmp-dev-state-'));
    const first = await dev(cwd, ['--webhook', 'http://127.0.0.1:1/wx']);
    expect(first.banner).toContain(`state           ${join(cwd, '.wxmp/dev-state.json')} (`);
    expect(first.banner).toContain('--no-state to start fresh');
    const created = await fetch(new URL('/__emulator/fans', first.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nickname: '小红' }),
    });
    expect(created.status).toBeLessThan(300);
    await expect.poll(() => existsSync(join(cwd, '.wxmp/dev-state.json'))).toBe(true);
    await stop(first.child);

    const second = await dev(cwd, ['--webhook', 'http://127.0.0.1:1/wx']);
    expect(await fans(second.url)).toContain('小红');
  });

  it('keeps nothing with --no-state, and says so', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wxmp-dev-state-'));
    const { banner } = await dev(cwd, ['--webhook', 'http://127.0.0.1:1/wx', '--no-state']);
    expect(banner).toContain('state           kept in memory only');
    expect(existsSync(join(cwd, '.wxmp'))).toBe(false);
  });
});
