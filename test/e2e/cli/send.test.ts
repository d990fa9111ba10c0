import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ECHO_WELCOME } from '../../../src/examples/echo.js';
import { ACCOUNT, runCli, startServe, type Served } from './cli.js';

describe.concurrent('wxmp send against wxmp serve --example echo', () => {
  let echo: Served;
  let otherToken: Served;

  beforeAll(async () => {
    [echo, otherToken] = await Promise.all([
      startServe(['--example', 'echo'], ACCOUNT),
      startServe(['--example', 'echo'], { ...ACCOUNT, WECHAT_TOKEN: 'SomeOtherToken' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([echo?.stop(), otherToken?.stop()]);
  });

  it('plain mode: exit 0 and the echo in the output', async () => {
    const r = await runCli(['send', 'text', '你好 wxmp', '--url', echo.url], { env: ACCOUNT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(text, plain mode)');
    expect(r.stdout).toContain('HTTP 200');
    expect(r.stdout).toContain('text "你好 wxmp"');
    expect(r.stdout).toContain('✓ WeChat would accept this answer');
  });

  it('--aes (safe mode) with keys as flags: exit 0 and the decrypted echo, as JSON', async () => {
    const flags = [
      '--token',
      ACCOUNT.WECHAT_TOKEN,
      '--appid',
      ACCOUNT.WECHAT_APPID,
      '--aes-key',
      ACCOUNT.WECHAT_ENCODING_AES_KEY,
    ];
    const r = await runCli(['send', 'text', 'secret hello', '--url', echo.url, '--aes', '--json', ...flags]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      mode: string;
      attempts: { status: number; reply: unknown; body: string }[];
    };
    expect(report).toMatchObject({ ok: true, mode: 'safe' });
    expect(report.attempts[0]).toMatchObject({
      status: 200,
      reply: { type: 'text', content: 'secret hello' },
    });
    expect(report.attempts[0]!.body).toContain('<Encrypt>');
    expect(r.stdout).not.toContain(ACCOUNT.WECHAT_ENCODING_AES_KEY);
  });

  it('send event subscribe: the welcome text', async () => {
    const r = await runCli(['send', 'event', 'subscribe', '--url', echo.url, '--mode', 'compatible'], {
      env: ACCOUNT,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(JSON.stringify(ECHO_WELCOME));
  });

  it('--repeat 2 sends the same push twice and both answers pass', async () => {
    const r = await runCli(['send', 'text', 'twice', '--url', echo.url, '--repeat', '2'], { env: ACCOUNT });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/#1 HTTP 200 in \d+ ms: text "twice"/);
    expect(r.stdout).toMatch(/#2 HTTP 200 in \d+ ms: text "twice"/);
  });

  it('a server with another token: exit 1 with the 401 reason', async () => {
    const r = await runCli(['send', 'text', 'hi', '--url', otherToken.url], { env: ACCOUNT });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HTTP status 401 (WeChat needs 200)');
    expect(r.stdout).toContain('invalid signature');
  });

  it('safe mode without an AES key: exit 2 with one line naming the flag', async () => {
    const r = await runCli(['send', 'text', 'hi', '--url', echo.url, '--aes'], {
      env: { WECHAT_TOKEN: 'AAAAA' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('wxmp: --appid is required (or set WECHAT_APPID)\n');
  });
});

// WeChat does not follow redirects: a webhook URL that answers 302 has failed, whatever the page it points to says.
describe('wxmp send against a webhook URL that redirects', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/redirect')) res.writeHead(302, { location: '/ok' }).end();
      else res.end('success');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/redirect`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports the 302 as the answer (exit 1), not the page it points to', async () => {
    const r = await runCli(['send', 'text', 'hi', '--url', url], { env: ACCOUNT });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HTTP status 302 (WeChat needs 200)');
  });
});
