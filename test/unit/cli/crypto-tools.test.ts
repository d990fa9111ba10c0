import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decryptInput } from '../../../src/cli/commands/decrypt.js';
import { encryptMessage, trimFinalNewline } from '../../../src/cli/commands/encrypt.js';
import { accountSetting, requireAccountSetting } from '../../../src/cli/options.js';
import { readInput } from '../../../src/cli/stdin.js';
import { formatSign, signValues } from '../../../src/cli/commands/sign.js';
import { buildPush } from '../../../src/push/request.js';
import { vectors } from '../../support/vectors.js';

const replyVector = vectors.aes.find((v) => v.id === 'aes-doc-safe-mode-reply-encrypt')!;
const pushVector = vectors.aes.find((v) => v.id === 'aes-doc-safe-mode-decrypt')!;
const APPID = 'wxba5fad812f8e6fb9';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('signValues and formatSign', () => {
  for (const v of vectors.signature) {
    it(`${v.id}: signature`, () => {
      const { token, timestamp, nonce } = v.inputs;
      expect(signValues({ token, timestamp, nonce }).signature).toBe(v.expected.signature);
    });
  }
  for (const v of vectors.msg_signature) {
    it(`${v.id}: msg_signature with --encrypt`, () => {
      const { token, timestamp, nonce, encrypt } = v.inputs;
      expect(signValues({ token, timestamp, nonce, encrypt }).msg_signature).toBe(v.expected.msg_signature);
    });
  }

  it('--echostr gives the verification query; output is name=value lines, the query, or JSON', () => {
    const out = signValues({
      token: 'AAAAA',
      timestamp: '1714036504',
      nonce: '1514711492',
      echostr: 'e 1',
      encrypt: 'X',
    });
    expect(out.query).toBe(`?signature=${out.signature}&timestamp=1714036504&nonce=1514711492&echostr=e+1`);
    const given = { timestamp: false, nonce: false };
    expect(formatSign(out, false, given)).toBe(out.query);
    const noQuery = signValues({ token: 'AAAAA', timestamp: '1', nonce: '2', encrypt: 'X' });
    expect(formatSign(noQuery, false, given)).toBe(
      `signature=${noQuery.signature}\nmsg_signature=${noQuery.msg_signature}`,
    );
    expect(formatSign(noQuery, false, { timestamp: true, nonce: true })).toContain('\ntimestamp=1\nnonce=2');
    expect(JSON.parse(formatSign(noQuery, true, given))).toEqual(noQuery);
  });
});

describe('encryptMessage', () => {
  const i = replyVector.inputs;
  const base = {
    message: i.plaintext!,
    appId: i.appid,
    encodingAESKey: i.encoding_aes_key,
    random: i.random_16!,
  };

  it('reproduces the documented Encrypt with a fixed random prefix', () => {
    expect(encryptMessage(base)).toBe(replyVector.expected.encrypt);
  });

  it('--safe-envelope reproduces the documented signed reply envelope', () => {
    const envelope = encryptMessage({
      ...base,
      envelope: true,
      token: i.token,
      timestamp: i.timestamp,
      nonce: i.nonce,
    });
    expect(envelope).toBe(
      `<xml><Encrypt><![CDATA[${replyVector.expected.encrypt}]]></Encrypt>` +
        `<MsgSignature><![CDATA[${replyVector.expected.msg_signature}]]></MsgSignature>` +
        `<TimeStamp>${i.timestamp}</TimeStamp><Nonce><![CDATA[${i.nonce}]]></Nonce></xml>`,
    );
  });

  it('says what to fix: token for the envelope, timestamp, random length, key', () => {
    expect(() => encryptMessage({ ...base, envelope: true })).toThrow(
      '--token is required with --safe-envelope',
    );
    expect(() => encryptMessage({ ...base, envelope: true, token: 'AAAAA', timestamp: 'soon' })).toThrow(
      '--timestamp must be Unix seconds',
    );
    expect(() => encryptMessage({ ...base, random: 'short' })).toThrow(
      '--random must be exactly 16 ASCII characters',
    );
    expect(() => encryptMessage({ ...base, encodingAESKey: 'x' })).toThrow(
      'EncodingAESKey must be exactly 43',
    );
  });

  it('without a random prefix two encryptions differ but both decrypt', () => {
    const a = encryptMessage({ message: 'm', appId: APPID, encodingAESKey: KEY });
    const b = encryptMessage({ message: 'm', appId: APPID, encodingAESKey: KEY });
    expect(a).not.toBe(b);
    expect(decryptInput({ text: a, appId: APPID, encodingAESKey: KEY }).message).toBe('m');
  });
});

describe('decryptInput', () => {
  const p = pushVector.inputs;
  const keys = { appId: p.appid, encodingAESKey: p.encoding_aes_key };
  const check = {
    token: p.token,
    msgSignature: pushVector.expected.msg_signature,
    timestamp: p.timestamp,
    nonce: p.nonce,
  };
  const body = `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${p.encrypt}]]></Encrypt></xml>`;

  it('opens a bare value (even wrapped over lines) and a safe-mode body', () => {
    const wrapped = `${p.encrypt!.slice(0, 60)}\n${p.encrypt!.slice(60)}\n`;
    expect(decryptInput({ text: wrapped, ...keys })).toEqual({
      message: pushVector.expected.plaintext,
      verified: undefined,
    });
    expect(decryptInput({ text: body, ...keys }).message).toBe(pushVector.expected.plaintext);
  });

  it('checks the msg_signature of the push query when asked', () => {
    expect(decryptInput({ text: body, ...keys, ...check }).verified).toBe('msg_signature');
    expect(() => decryptInput({ text: body, ...keys, ...check, nonce: '1' })).toThrow(
      'msg_signature does not match',
    );
    expect(() => decryptInput({ text: body, ...keys, ...check, token: undefined })).toThrow(
      '--token is required to check',
    );
    expect(() => decryptInput({ text: body, ...keys, ...check, timestamp: undefined })).toThrow(
      '--timestamp is required',
    );
    expect(() => decryptInput({ text: body, ...keys, timestamp: '1' })).toThrow('--msg-signature is needed');
  });

  it('opens a compatible-mode body and a reply envelope, checking the envelope when a token is known', () => {
    const xml =
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oFan]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>1</MsgId></xml>';
    const compatible = buildPush(xml, {
      token: 'AAAAA',
      mode: 'compatible',
      appId: APPID,
      encodingAESKey: KEY,
    });
    expect(decryptInput({ text: compatible.body, appId: APPID, encodingAESKey: KEY }).message).toBe(xml);

    const envelope = encryptMessage({
      message: 'reply',
      appId: APPID,
      encodingAESKey: KEY,
      envelope: true,
      token: 'AAAAA',
    });
    expect(decryptInput({ text: envelope, appId: APPID, encodingAESKey: KEY })).toEqual({
      message: 'reply',
      verified: undefined,
    });
    expect(decryptInput({ text: envelope, appId: APPID, encodingAESKey: KEY, token: 'AAAAA' })).toEqual({
      message: 'reply',
      verified: 'MsgSignature',
    });
    expect(() => decryptInput({ text: envelope, appId: APPID, encodingAESKey: KEY, token: 'BBBBB' })).toThrow(
      'MsgSignature does not match',
    );
  });

  it('refuses XML without Encrypt, bad base64, a wrong AppID or key, without naming the key', () => {
    expect(() => decryptInput({ text: '<xml><A>1</A></xml>', ...keys })).toThrow(
      'the XML has no <Encrypt> element',
    );
    expect(() => decryptInput({ text: 'not base64!', ...keys })).toThrow('Encrypt is not valid base64');
    expect(() => decryptInput({ text: p.encrypt!, ...keys, appId: 'wx0000000000000000' })).toThrow(
      'the encrypted message belongs to another AppID (wxba5fad812f8e6fb9)',
    );
    let message = '';
    try {
      decryptInput({ text: p.encrypt!, appId: p.appid, encodingAESKey: KEY });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/wrong EncodingAESKey/);
    expect(message).not.toContain(KEY);
  });
});

describe('account settings and input', () => {
  it('a flag wins over the environment, both are validated, empty means unset', () => {
    const env = { WECHAT_TOKEN: 'FromEnv', WECHAT_APPID: 'bad' };
    expect(accountSetting('token', undefined, env)).toBe('FromEnv');
    expect(accountSetting('token', 'FromFlag', env)).toBe('FromFlag');
    expect(accountSetting('token', undefined, { WECHAT_TOKEN: '' })).toBeUndefined();
    expect(() => accountSetting('appId', undefined, env)).toThrow('WECHAT_APPID must look like wx');
    expect(accountSetting('appId', APPID, env)).toBe(APPID);
    expect(() => accountSetting('encodingAESKey', 'k', {})).toThrow('--aes-key must be exactly 43');
    expect(() => requireAccountSetting('encodingAESKey', undefined, {})).toThrow(
      '--aes-key is required (or set WECHAT_ENCODING_AES_KEY)',
    );
  });

  it('readInput returns the argument, or stdin for -; piped input loses one final newline', async () => {
    expect(await readInput('<xml/>', Readable.from([]))).toBe('<xml/>');
    expect(await readInput('-', Readable.from([Buffer.from('你'), Buffer.from('好\n')]))).toBe('你好\n');
    expect(trimFinalNewline('a\n\n')).toBe('a\n');
    expect(trimFinalNewline('a\r\n')).toBe('a');
  });
});
