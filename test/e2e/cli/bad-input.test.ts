/**
 * Ordinary bad input (a missing upload file, a port already taken) ends with one line on stderr and exit 2, never a
 * stack trace.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, runCli, type CliResult } from './cli.js';

const CREDENTIALS = {
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef',
  // Never reached: the commands below fail before calling WeChat.
  WECHAT_API_BASE: 'http://127.0.0.1:9',
  WXMP_CLIENT_KEYS: 'service-a-0123456789abcdef',
};

function expectOneLine(r: CliResult, pattern: RegExp): void {
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('wxmp api with an "@file" that cannot be read', () => {
  it('names the file in one line and exits 2', async () => {
    const r = await runCli(['api', 'media.upload', '{"type":"image","media":"@/nope.png"}'], {
      env: CREDENTIALS,
    });
    expectOneLine(r, /^wxmp: Cannot read the file \/nope\.png of "media" \(ENOENT\)\./);
  });
});

describe('a port already in use', () => {
  let busy: Server;
  let port: number;

  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  const taken = () =>
    new RegExp(
      `^wxmp: Port ${port} on 127\\.0\\.0\\.1 is already in use: pass --port with a free port \\(or set PORT\\)`,
    );

  it.each([
    ['serve', ACCOUNT],
    ['token-server', CREDENTIALS],
    ['proxy', CREDENTIALS],
    ['dev', {}],
    ['emulator', {}],
  ] as const)('wxmp %s --port <busy>: one line naming --port and PORT, exit 2', async (command, env) => {
    const r = await runCli([command, '--port', String(port), '--host', '127.0.0.1'], { env });
    expectOneLine(r, taken());
  });

  it('the same when the port comes from PORT', async () => {
    const r = await runCli(['token-server', '--host', '127.0.0.1'], {
      env: { ...CREDENTIALS, PORT: String(port) },
    });
    expectOneLine(r, taken());
  });
});

describe('wxmp dev with a bad --host or --state', () => {
  it("an address that is not this machine's: one line naming --host, exit 2", async () => {
    const r = await runCli(['dev', '--port', '0', '--host', '10.255.255.1']);
    expectOneLine(r, /^wxmp: Cannot listen on 10\.255\.255\.1: .*pass --host/);
  });

  it('a state file in a folder that does not exist: one line at start, exit 2', async () => {
    const r = await runCli(['dev', '--port', '0', '--state', '/nonexistent-wxmp/dir/state.json']);
    expectOneLine(r, /^wxmp: The state file \/nonexistent-wxmp\/dir\/state\.json cannot be written\./);
  });

  it('a state file that is not JSON: one line at start, exit 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wxmp-state-')), 'state.json');
    writeFileSync(file, 'nope');
    const r = await runCli(['dev', '--port', '0', '--state', file]);
    expectOneLine(r, /cannot be read as the emulator's state\. Delete it/);
  });
});

describe('wxmp serve with a slow-handler strategy that does not exist', () => {
  it('from --slow: one line naming the flag and the strategies, exit 2', async () => {
    const r = await runCli(['serve', '--slow', 'stretch,wait', '--port', '0'], {
      env: { WECHAT_TOKEN: 'tok' },
    });
    expectOneLine(
      r,
      /--slow: "wait" is not a slow-handler strategy \(one of stretch, customer-service, pull/,
    );
  });
  it('from WXMP_SLOW: the same, naming the variable', async () => {
    const r = await runCli(['serve', '--port', '0'], {
      env: { WECHAT_TOKEN: 'tok', WXMP_SLOW: 'pull,pull' },
    });
    expectOneLine(r, /WXMP_SLOW: "pull" is listed twice/);
  });
});
