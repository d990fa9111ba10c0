import { describe, expect, it } from 'vitest';
import { vectors } from '../../support/vectors.js';
import { ACCOUNT, runCli } from './cli.js';

const KEYS = ['--appid', ACCOUNT.WECHAT_APPID, '--aes-key', ACCOUNT.WECHAT_ENCODING_AES_KEY];
const urlVector = vectors.signature.find((v) => v.id === 'sig-doc-url-verify')!;
const replyVector = vectors.aes.find((v) => v.id === 'aes-doc-safe-mode-reply-encrypt')!;
const pushVector = vectors.aes.find((v) => v.id === 'aes-doc-safe-mode-decrypt')!;

describe.concurrent('wxmp sign, encrypt, decrypt', () => {
  it('sign prints the signature of the documented URL verification', async () => {
    const { token, timestamp, nonce } = urlVector.inputs;
    const r = await runCli(['sign', '--token', token, '--timestamp', timestamp, '--nonce', nonce]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('signature=f464b24fc39322e44b38aa78f5edd27bd1441696\n');
  });

  it('sign --echostr prints the verification query, with the Token from WECHAT_TOKEN', async () => {
    const { timestamp, nonce, echostr } = urlVector.inputs;
    const r = await runCli(['sign', '--timestamp', timestamp, '--nonce', nonce, '--echostr', echostr!], {
      env: { WECHAT_TOKEN: 'AAAAA' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(
      `?signature=${urlVector.expected.signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=${echostr}`,
    );
  });

  it('encrypt --safe-envelope reproduces the documented encrypted reply', async () => {
    const i = replyVector.inputs;
    const r = await runCli([
      'encrypt',
      '--appid',
      i.appid,
      '--aes-key',
      i.encoding_aes_key,
      '--token',
      i.token!,
      '--safe-envelope',
      '--timestamp',
      i.timestamp!,
      '--nonce',
      i.nonce!,
      '--random',
      i.random_16!,
      i.plaintext!,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`<Encrypt><![CDATA[${replyVector.expected.encrypt}]]></Encrypt>`);
    expect(r.stdout).toContain(
      `<MsgSignature><![CDATA[${replyVector.expected.msg_signature}]]></MsgSignature>`,
    );
  });

  it('encrypt then decrypt through stdin gives the message back', async () => {
    const xml = '<xml><Content><![CDATA[往返 round trip]]></Content></xml>';
    const encrypted = await runCli(['encrypt', ...KEYS, '-'], { input: `${xml}\n` });
    expect(encrypted.code).toBe(0);
    expect(encrypted.stdout.trim()).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const decrypted = await runCli(['decrypt', ...KEYS, '-'], { input: encrypted.stdout });
    expect(decrypted.code).toBe(0);
    expect(decrypted.stdout).toBe(`${xml}\n`);
  });

  it('decrypt checks the documented safe-mode push with its msg_signature', async () => {
    const i = pushVector.inputs;
    const r = await runCli([
      'decrypt',
      '--appid',
      i.appid,
      '--aes-key',
      i.encoding_aes_key,
      '--token',
      i.token!,
      '--msg-signature',
      pushVector.expected.msg_signature!,
      '--timestamp',
      i.timestamp!,
      '--nonce',
      i.nonce!,
      `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${i.encrypt}]]></Encrypt></xml>`,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pushVector.expected.plaintext);
    expect(r.stderr).toBe('wxmp: msg_signature verified\n');
  });

  it('decrypt with a wrong AppID: exit 2, one line, no key', async () => {
    const i = pushVector.inputs;
    const r = await runCli([
      'decrypt',
      '--appid',
      'wx0000000000000000',
      '--aes-key',
      i.encoding_aes_key,
      i.encrypt!,
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^wxmp: the encrypted message belongs to another AppID \(wxba5fad812f8e6fb9\)/);
    expect(r.stderr).not.toContain(i.encoding_aes_key);
  });

  it('decrypt of bad base64 and with a malformed key: exit 2, one line each, the key never printed', async () => {
    const badBase64 = await runCli(['decrypt', ...KEYS, 'not base64!']);
    expect(badBase64).toMatchObject({ code: 2, stdout: '', stderr: 'wxmp: Encrypt is not valid base64\n' });
    const badKey = `${ACCOUNT.WECHAT_ENCODING_AES_KEY}!`;
    const r = await runCli(['decrypt', '--appid', ACCOUNT.WECHAT_APPID, '--aes-key', badKey, 'AAAA']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'wxmp: --aes-key must be exactly 43 letters or digits (the EncodingAESKey of the console)\n',
    );
  });
});
