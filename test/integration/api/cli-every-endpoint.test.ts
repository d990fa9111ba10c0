/**
 * `wxmp api` reaches every endpoint of the table: against the emulator on a loopback port, each name is called
 * with its credential (the account of the environment, or a fan's web-authorization token for the `sns` reads)
 * and a file where the endpoint takes one, and the emulator's handler answers it — its own answer or one of its
 * codes, never "unknown API" (48001), "wrong method" (43002) or a missing or wrong credential.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { endpoints, type EndpointSpec } from '../../../src/api/endpoints.js';
import { buildProgram } from '../../../src/cli/main.js';
import { createEmulator } from '../../../src/emulator/app.js';
import { issueOAuthCode } from '../../../src/emulator/platform/oauth.js';
import { callStats } from '../../../src/emulator/platform/core/call-stats.js';
import { serveEmulator, type ServedEmulator } from '../../../src/emulator/serve.js';
import { WeChatApiError } from '../../../src/errors.js';

const emulator = createEmulator();
const { appId, appSecret } = emulator.state.account;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGM4AwAAzgDN1GaQsAAAAABJRU5ErkJggg==',
  'base64',
);
const MP3 = Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(64, 0x55)]);
const REFUSED = [48001, 43002, 41001, 40001, 41002, 41004, 40013, 40125];

let served: ServedEmulator;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  served = await serveEmulator(emulator, { port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'wxmp-cli-every-'));
  await writeFile(join(dir, 'a.png'), PNG);
  await writeFile(join(dir, 'a.jpg'), PNG);
  await writeFile(join(dir, 'a.mp3'), MP3);
  Object.assign(process.env, {
    WECHAT_APPID: appId,
    WECHAT_APPSECRET: appSecret,
    WECHAT_API_BASE: served.url,
  });
  delete process.env['REDIS_URL'];
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterAll(async () => {
  vi.restoreAllMocks();
  process.env = { ...saved };
  await rm(dir, { recursive: true, force: true });
  await served.close();
});

/** A fan's web-authorization token, for sns/userinfo and sns/auth. */
async function userToken(): Promise<{ access_token: string; openid: string }> {
  const openid = [...emulator.state.fans.keys()][0]!;
  const code = issueOAuthCode(emulator.state, {
    openid,
    scope: 'snsapi_userinfo',
    appid: appId,
    redirectUri: 'https://e.x/',
  });
  const res = await fetch(
    `${served.url}/sns/oauth2/access_token?appid=${appId}&secret=${appSecret}&code=${code}&grant_type=authorization_code`,
  );
  return { access_token: ((await res.json()) as { access_token: string }).access_token, openid };
}

/** The JSON argument each endpoint gets: a file where it takes one, the user's token where it needs one. */
async function argument(spec: EndpointSpec): Promise<string | undefined> {
  if (spec.auth === 'user_token') return JSON.stringify(await userToken());
  // clear_quota takes the AppID as a body field (the client method adds it; `wxmp api` sends what it is given).
  if (spec.name === 'misc.clearQuota') return JSON.stringify({ appid: appId });
  // The raw bodies: the recording as a file, the text to translate as it is.
  if (spec.name === 'ai.submitVoice')
    return JSON.stringify({ voice_id: 'v1', format: 'mp3', voice: `@${join(dir, 'a.mp3')}` });
  if (spec.name === 'ai.translate') return JSON.stringify({ lfrom: 'zh_CN', lto: 'en_US', content: '你好' });
  if (spec.request !== 'multipart') return spec.request === 'none' ? undefined : '{}';
  if (spec.path.startsWith('/cv/')) return JSON.stringify({ img: `@${join(dir, 'a.png')}` });
  const type = spec.query?.includes('type') ? { type: 'image' } : {};
  const account = spec.query?.includes('kf_account') ? { kf_account: 'nobody@wx' } : {};
  return JSON.stringify({ ...type, ...account, media: `@${join(dir, 'a.jpg')}` });
}

describe('wxmp api', () => {
  it.each(Object.values(endpoints).map((spec) => [spec.name, spec] as const))(
    'reaches %s',
    async (name, spec) => {
      const before = callStats(emulator.state).calls[spec.path] ?? 0;
      const json = await argument(spec);
      const args = ['node', 'wxmp', 'api', name, ...(json === undefined ? [] : [json])];
      const error = await buildProgram()
        .parseAsync(args)
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(callStats(emulator.state).calls[spec.path] ?? 0).toBeGreaterThan(before);
      if (error === undefined) return;
      const said = error instanceof Error ? error.message : 'not an Error';
      expect(error, said).toBeInstanceOf(WeChatApiError);
      expect(REFUSED, `${name}: ${said}`).not.toContain((error as WeChatApiError).errcode);
    },
  );
});

describe('wxmp api with a raw body', () => {
  it('sends the file after "@" as the recording and the text as it is, and prints the answers', async () => {
    const write = vi.mocked(process.stdout.write);
    write.mockClear();
    const voice = JSON.stringify({ voice_id: 'cli-v', format: 'mp3', voice: `@${join(dir, 'a.mp3')}` });
    await buildProgram().parseAsync(['node', 'wxmp', 'api', 'ai.submitVoice', voice]);
    await buildProgram().parseAsync(['node', 'wxmp', 'api', 'ai.queryVoiceResult', '{"voice_id":"cli-v"}']);
    const text = JSON.stringify({ lfrom: 'zh_CN', lto: 'en_US', content: '你好' });
    await buildProgram().parseAsync(['node', 'wxmp', 'api', '/cgi-bin/media/voice/translatecontent', text]);
    const printed = write.mock.calls.map(([chunk]) => String(chunk)).join('');
    expect(printed).toContain('"result": "模拟器语音识别结果"');
    expect(printed).toContain('"to_content": "Hello"');
  });

  it('refuses an unreadable file after "@" in one line, before calling', async () => {
    const voice = JSON.stringify({ voice_id: 'v', format: 'mp3', voice: `@${join(dir, 'missing.mp3')}` });
    await expect(buildProgram().parseAsync(['node', 'wxmp', 'api', 'ai.submitVoice', voice])).rejects.toThrow(
      /Cannot read the file .*missing\.mp3 of "voice" \(ENOENT\)/,
    );
  });
});
