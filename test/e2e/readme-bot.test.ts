/**
 * The README's "A bot in ten lines", taken from README.md as written: it must stay within ten lines, type-check
 * against the built package under the project's strict settings, and answer WeChat's pushes as the README says,
 * in plain and in safe mode.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbound, readReply, signedRequest, type TestKeys } from '../../dist/testing/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ACCOUNT = {
  token: 'AAAAA',
  appId: 'wxba5fad812f8e6fb9',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

/** The first ```ts block after the heading "A bot in ten lines". */
function readmeBot(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A bot in ten lines'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('README.md has no ```ts block under "A bot in ten lines"');
  return match[1];
}

/** A scratch project whose `node_modules/wxmp` is this package, so the snippet imports it by name as users do. */
function scratchProject(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-readme-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'wxmp'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'bot.ts'), source);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error()),
      );
    });
  });
}

async function waitForPort(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null)
      throw new Error(`the README bot exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the README bot did not listen at ${url}:\n${output()}`);
}

describe('the README bot', () => {
  const source = readmeBot();
  let dir = '';
  let bot: ChildProcess | undefined;
  let url = '';

  beforeAll(async () => {
    // The snippet listens on 3000; the test gives it a free port instead, and changes nothing else.
    expect(source).toContain('.listen(3000)');
    dir = scratchProject(source.replace('.listen(3000)', '.listen(Number(process.env.PORT))'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    let output = '';
    bot = spawn(process.execPath, ['--import', 'tsx', join(dir, 'bot.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        WECHAT_TOKEN: ACCOUNT.token,
        WECHAT_APPID: ACCOUNT.appId,
        WECHAT_ENCODING_AES_KEY: ACCOUNT.encodingAESKey,
      },
    });
    bot.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
    bot.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
    await waitForPort(url, bot, () => output);
  });

  afterAll(() => {
    bot?.kill();
  });

  it('is at most ten lines of code', () => {
    const code = source.split('\n').filter((line) => line.trim() !== '');
    expect(code.length).toBeLessThanOrEqual(10);
  });

  it('type-checks against the built package with the strict settings users copy it into', async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [
      ...['--noEmit', '--strict', '--noUncheckedIndexedAccess', '--exactOptionalPropertyTypes'],
      ...['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck'],
      ...['--types', 'node', '--typeRoots', join(ROOT, 'node_modules', '@types')],
      join(dir, 'bot.ts'),
    ];
    const result = await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: dir }).catch(
      (err: { stdout?: string; code?: number }) => ({ stdout: err.stdout ?? '', failed: err.code }),
    );
    expect(result.stdout).toBe('');
    expect('failed' in result ? result.failed : 0).toBe(0);
  });

  for (const mode of ['plain', 'safe'] as const) {
    describe(`in ${mode} mode`, () => {
      const keys: TestKeys = { ...ACCOUNT, mode };
      const push = async (xml: (p: { to: string; from: string }) => string) => {
        const req = signedRequest.push(xml({ to: 'gh_test00000000', from: 'oFanReadme' }), {
          ...keys,
          from: 'oFanReadme',
          url: `${url}wx`,
        });
        return readReply(await fetch(req.url, req), { ...keys, from: 'oFanReadme' });
      };

      it('answers a text with 你说: and the text', async () => {
        await expect(push((p) => inbound.text(p, '你好'))).resolves.toEqual({
          type: 'text',
          content: '你说: 你好',
        });
      });

      it('welcomes a follower and names the QR scene', async () => {
        await expect(push((p) => inbound.event(p, 'subscribe', { EventKey: 'qrscene_42' }))).resolves.toEqual(
          {
            type: 'text',
            content: '欢迎关注! scene 42',
          },
        );
      });

      it('thanks a tap on V1001_GOOD', async () => {
        await expect(push((p) => inbound.event(p, 'CLICK', { EventKey: 'V1001_GOOD' }))).resolves.toEqual({
          type: 'text',
          content: '谢谢点赞',
        });
      });
    });
  }
});
