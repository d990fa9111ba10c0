import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/main.js';
import { readEnv } from '../../../src/config.js';
import { resolveAccount } from '../../../src/emulator/app.js';
import { DEFAULT_ACCOUNT } from '../../../src/emulator/defaults.js';
import { accountFrom, banner } from '../../../src/emulator/startup.js';

describe('emulator start-up settings', () => {
  it('keeps the embedded defaults for what the environment does not set', () => {
    const account = resolveAccount(accountFrom(readEnv({}), { host: '127.0.0.1', mode: 'safe' }));
    expect(account).toMatchObject({ ...DEFAULT_ACCOUNT, mode: 'safe', webhookUrl: undefined });
  });

  it('takes WECHAT_* from the environment', () => {
    const env = readEnv({ WECHAT_APPID: 'wx1234567890abcdef', WECHAT_TOKEN: 'mytoken' });
    expect(resolveAccount(accountFrom(env, { host: 'x' }))).toMatchObject({
      appId: 'wx1234567890abcdef',
      token: 'mytoken',
      appSecret: DEFAULT_ACCOUNT.appSecret,
    });
  });

  it.each([
    [{ host: 'x', mode: 'loud' }, /--mode must be one of plain, compatible, safe/],
    [{ host: 'x', webhook: 'localhost:3000/wx' }, /--webhook must be an http\(s\) URL/],
  ])('refuses bad flags in one line: %j', (flags, message) => {
    expect(() => accountFrom(readEnv({}), flags)).toThrow(message);
  });

  it('prints the embedded development credentials, but never values from the environment', () => {
    const env = readEnv({ WECHAT_APPSECRET: 'realsecret0000000000000000000001', WECHAT_TOKEN: 'realtoken' });
    const text = banner(
      'wxmp dev',
      'http://127.0.0.1:3000',
      resolveAccount({ ...accountFrom(env, { host: 'x' }), webhookUrl: '/wx' }),
      env,
    );
    expect(text).toContain('open http://127.0.0.1:3000/');
    expect(text).toContain('http://127.0.0.1:3000/wx');
    expect(text).toContain(DEFAULT_ACCOUNT.encodingAESKey);
    expect(text).toContain('(from WECHAT_APPSECRET)');
    expect(text).not.toContain('realsecret');
    expect(text).not.toContain('realtoken');
  });

  it.each([[['dev', '--mode', 'loud']], [['emulator', '--port', 'abc']]])(
    'wxmp %j fails before listening with CONFIG_INVALID',
    async (args) => {
      await expect(buildProgram().parseAsync(['node', 'wxmp', ...args])).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
      });
    },
  );
});
