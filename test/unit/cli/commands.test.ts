/**
 * The commands wired into commander, run in-process: flags reach the logic, output reaches stdout, failures set
 * the exit code. (The real process, with bin/wxmp.js, is covered in test/e2e/cli.)
 */
import { Command, CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { register as decrypt } from '../../../src/cli/commands/decrypt.js';
import { register as encrypt } from '../../../src/cli/commands/encrypt.js';
import { register as send, SEND_TYPES } from '../../../src/cli/commands/send.js';
import { register as sign } from '../../../src/cli/commands/sign.js';
import { oneLineUsageError, run } from '../../../src/cli/main.js';
import { listenError } from '../../../src/cli/serve-app.js';
import { WeChatError } from '../../../src/errors.js';

const APPID = 'wxba5fad812f8e6fb9';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

let out = '';

function program(): Command {
  const p = new Command('wxmp').exitOverride().configureOutput({
    writeOut: (text) => (out += text),
    writeErr: () => {},
  });
  for (const register of [send, sign, encrypt, decrypt]) register(p);
  return p;
}

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
const printed = () => log.mock.calls.map((c) => String(c[0])).join('\n');

beforeEach(() => {
  out = '';
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.stubEnv('WECHAT_TOKEN', '');
  vi.stubEnv('WECHAT_APPID', '');
  vi.stubEnv('WECHAT_ENCODING_AES_KEY', '');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  process.exitCode = undefined;
});

describe('commands in-process', () => {
  it('sign prints the documented signature', async () => {
    await program().parseAsync(
      ['sign', '--token', 'AAAAA', '--timestamp', '1714036504', '--nonce', '1514711492'],
      { from: 'user' },
    );
    expect(printed()).toBe('signature=f464b24fc39322e44b38aa78f5edd27bd1441696');
  });

  it('sign without timestamp and nonce prints the ones it chose; a bad timestamp is a config error', async () => {
    vi.stubEnv('WECHAT_TOKEN', 'AAAAA');
    await program().parseAsync(['sign'], { from: 'user' });
    expect(printed()).toMatch(/^signature=[0-9a-f]{40}\ntimestamp=\d+\nnonce=\d+$/);
    await expect(program().parseAsync(['sign', '--timestamp', 'x'], { from: 'user' })).rejects.toThrow(
      '--timestamp must be Unix seconds',
    );
  });

  it('encrypt and decrypt round-trip with keys from the environment, decrypt reports the verified signature', async () => {
    vi.stubEnv('WECHAT_APPID', APPID);
    vi.stubEnv('WECHAT_ENCODING_AES_KEY', KEY);
    vi.stubEnv('WECHAT_TOKEN', 'AAAAA');
    await program().parseAsync(['encrypt', '--safe-envelope', '<xml>hi</xml>'], { from: 'user' });
    const envelope = printed();
    expect(envelope).toMatch(/^<xml><Encrypt>/);
    log.mockClear();
    await program().parseAsync(['decrypt', envelope], { from: 'user' });
    expect(printed()).toBe('<xml>hi</xml>');
    expect(error).toHaveBeenCalledWith('wxmp: MsgSignature verified');
  });

  it('send prints the verdict and sets exit code 1 when WeChat would refuse the answer', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('invalid signature', { status: 401 })));
    await program().parseAsync(['send', 'text', 'hi', '--url', 'http://127.0.0.1:9/wx', '--token', 'AAAAA'], {
      from: 'user',
    });
    expect(printed()).toContain('✗ WeChat would not accept this answer: HTTP status 401');
    expect(process.exitCode).toBe(1);
  });

  it('send --json prints one JSON document and leaves the exit code at 0 when accepted', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('success')));
    await program().parseAsync(
      [
        'send',
        'event',
        'CLICK',
        '--key',
        'K',
        '--url',
        'http://127.0.0.1:9/wx',
        '--token',
        'AAAAA',
        '--json',
      ],
      {
        from: 'user',
      },
    );
    expect(JSON.parse(printed())).toMatchObject({
      ok: true,
      type: 'event CLICK',
      attempts: [{ reply: { type: 'success' } }],
    });
    expect(process.exitCode).toBeUndefined();
  });

  it('--help of send and of every send type exits 0 with examples', async () => {
    for (const args of [
      ['send'],
      ...SEND_TYPES.map((t) => ['send', t]),
      ['sign'],
      ['encrypt'],
      ['decrypt'],
    ]) {
      out = '';
      const help = await program()
        .parseAsync([...args, '--help'], { from: 'user' })
        .catch((err: unknown) => err);
      expect(help).toMatchObject({ code: 'commander.helpDisplayed', exitCode: 0 });
      expect(out).toContain(`Usage: wxmp ${args.join(' ')}`);
      expect(out).toContain('Examples');
    }
  });

  it('an invalid --mode is a usage error from commander', async () => {
    const run = program().parseAsync(['send', 'text', 'hi', '--mode', 'secret'], { from: 'user' });
    await expect(run).rejects.toBeInstanceOf(CommanderError);
  });
});

describe('oneLineUsageError', () => {
  it("folds commander's message and suggestion into one wxmp line", () => {
    expect(oneLineUsageError("error: unknown option '--tokn'\n(Did you mean --token?)\n")).toBe(
      "wxmp: unknown option '--tokn' (Did you mean --token?) (run with --help for usage)",
    );
  });
});

describe('run', () => {
  function capture(stream: NodeJS.WriteStream): { text: () => string } {
    let text = '';
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      text += String(chunk);
      return true;
    });
    return { text: () => text };
  }

  it('a usage error prints one line and exits 2', async () => {
    const stderr = capture(process.stderr);
    await run(['node', 'wxmp', 'sign', '--bogus']);
    expect(process.exitCode).toBe(2);
    expect(stderr.text()).toBe("wxmp: unknown option '--bogus' (run with --help for usage)\n");
  });

  it('a config error prints one line and exits 2; --help exits 0', async () => {
    await run(['node', 'wxmp', 'sign']);
    expect(process.exitCode).toBe(2);
    expect(error).toHaveBeenCalledWith('wxmp: --token is required (or set WECHAT_TOKEN)');
    const stdout = capture(process.stdout);
    await run(['node', 'wxmp', 'sign', '--help']);
    expect(process.exitCode).toBe(0);
    expect(stdout.text()).toContain('Usage: wxmp sign');
  });
});

describe('listenError', () => {
  const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

  it('turns EADDRINUSE and EACCES into one-line config errors naming --port and PORT', () => {
    const inUse = listenError(failure('EADDRINUSE'), 3000, '0.0.0.0');
    expect(inUse).toBeInstanceOf(WeChatError);
    expect(inUse).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((inUse as Error).message).toBe(
      'Port 3000 on 0.0.0.0 is already in use: pass --port with a free port (or set PORT), or stop the other server',
    );
    const denied = listenError(failure('EACCES'), 80, '0.0.0.0') as Error;
    expect(denied).toMatchObject({ code: 'CONFIG_INVALID' });
    expect(denied.message).toMatch(/^Port 80 on 0\.0\.0\.0 is not allowed for this user .*--port .*PORT/);
    expect(denied.message).not.toContain('\n');
  });

  it('leaves other errors as they are', () => {
    const other = failure('EMFILE');
    expect(listenError(other, 3000, '0.0.0.0')).toBe(other);
  });
});
