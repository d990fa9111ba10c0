/**
 * `wxmp decrypt`: open what WeChat (or a server in safe mode) encrypted: a bare `Encrypt` value, a whole safe- or
 * compatible-mode push body, or a reply envelope; optionally checking the signature as well.
 * @module
 */
import type { Command } from 'commander';
import { configError } from '../../config.js';
import { openEnvelope } from '../../crypto/envelope.js';
import { MessageCrypto } from '../../crypto/message-crypto.js';
import { computeMsgSignature, signatureMatches } from '../../crypto/signature.js';
import { WeChatError } from '../../errors.js';
import { parseXml } from '../../xml/parse.js';
import { textOf } from '../../xml/read.js';
import { accountSetting, requireAccountSetting } from '../options.js';
import { readInput } from '../stdin.js';

/** What `wxmp decrypt` needs. */
export interface DecryptInput {
  /** A bare Encrypt value, a push body with `<Encrypt>`, or a reply envelope. */
  text: string;
  appId: string;
  encodingAESKey: string;
  /** With a reply envelope, its MsgSignature is checked whenever a Token is known. */
  token?: string | undefined;
  /** The `msg_signature` of the push's query, checked over Token, timestamp, nonce and Encrypt. */
  msgSignature?: string | undefined;
  timestamp?: string | undefined;
  nonce?: string | undefined;
}

/** The plaintext and which signature, if any, was verified. */
export interface DecryptResult {
  message: string;
  /** `MsgSignature` (reply envelope), `msg_signature` (query flags) or undefined when nothing was checked. */
  verified: 'MsgSignature' | 'msg_signature' | undefined;
}

/**
 * Decrypts a bare Encrypt value, a push body or a reply envelope; throws `WeChatError` on bad base64, a wrong key or
 * AppID, or a signature that does not match.
 *
 * @example
 * ```ts
 * import { MessageCrypto } from 'wxmp';
 * const appId = 'wxba5fad812f8e6fb9';
 * const encodingAESKey = 'A'.repeat(43);
 * const encrypt = new MessageCrypto({ appId, encodingAESKey }).encrypt('<xml>…</xml>');
 * decryptInput({ text: encrypt, appId, encodingAESKey }); // { message: '<xml>…</xml>', verified: undefined }
 * ```
 */
export function decryptInput(input: DecryptInput): DecryptResult {
  const crypto = new MessageCrypto({ appId: input.appId, encodingAESKey: input.encodingAESKey });
  const text = input.text.trim();
  let encrypt = text.replace(/\s+/g, '');
  if (text.startsWith('<')) {
    const root = parseXml(text).value;
    const found = textOf(root, 'Encrypt');
    if (found === undefined) {
      throw new WeChatError('ENCRYPT_INVALID', 'the XML has no <Encrypt> element', {
        hint: 'Pass a safe-mode push body, a reply envelope, or the bare Encrypt value',
      });
    }
    encrypt = found;
    const isEnvelope = textOf(root, 'MsgSignature') !== undefined;
    if (isEnvelope && input.token !== undefined && input.msgSignature === undefined) {
      return {
        message: openEnvelope(text, { crypto, token: input.token }).message,
        verified: 'MsgSignature',
      };
    }
  }
  const verified = checkQuerySignature(input, encrypt);
  return { message: crypto.decrypt(encrypt).message, verified };
}

function checkQuerySignature(input: DecryptInput, encrypt: string): DecryptResult['verified'] {
  const { msgSignature, timestamp, nonce, token } = input;
  if (msgSignature === undefined) {
    if (timestamp !== undefined || nonce !== undefined) {
      configError(
        '--msg-signature',
        'is needed to check a signature (with --token, --timestamp and --nonce)',
      );
    }
    return undefined;
  }
  if (token === undefined)
    configError('--token', 'is required to check --msg-signature (or set WECHAT_TOKEN)');
  if (timestamp === undefined) configError('--timestamp', 'is required to check --msg-signature');
  if (nonce === undefined) configError('--nonce', 'is required to check --msg-signature');
  if (!signatureMatches(msgSignature, computeMsgSignature(token, timestamp, nonce, encrypt))) {
    throw new WeChatError('SIGNATURE_INVALID', 'msg_signature does not match', {
      hint: 'Check --token (or WECHAT_TOKEN), --timestamp and --nonce: they must be those of the push',
    });
  }
  return 'msg_signature';
}

interface DecryptFlags {
  appid?: string;
  aesKey?: string;
  token?: string;
  msgSignature?: string;
  timestamp?: string;
  nonce?: string;
}

/**
 * Registers `wxmp decrypt`, as in `wxmp decrypt --appid wx1234 --aes-key "$KEY" - < captured-push.xml`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * // the key from WECHAT_ENCODING_AES_KEY, the captured push on stdin
 * await program.parseAsync(['node', 'wxmp', 'decrypt', '--appid', 'wx1234', '-']);
 * ```
 */
export function register(program: Command): void {
  program
    .command('decrypt')
    .description(
      'decrypt a bare Encrypt value, a safe-mode push body or a reply envelope; prints the plaintext',
    )
    .argument('<input>', 'the Encrypt value or the XML holding it, or - to read stdin')
    .option('--appid <appid>', 'the AppID expected inside the message (default: WECHAT_APPID)')
    .option('--aes-key <key>', 'the 43-character EncodingAESKey (default: WECHAT_ENCODING_AES_KEY)')
    .option('--token <token>', 'check signatures with this Token (default: WECHAT_TOKEN)')
    .option(
      '--msg-signature <sig>',
      'the msg_signature of the push query, checked over Token, timestamp, nonce, Encrypt',
    )
    .option('--timestamp <seconds>', 'the timestamp of the push query (with --msg-signature)')
    .option('--nonce <nonce>', 'the nonce of the push query (with --msg-signature)')
    .addHelpText(
      'after',
      `
A reply envelope's MsgSignature is checked whenever a Token is known. The plaintext goes to stdout; which signature
was verified goes to stderr.

Examples:
  $ wxmp decrypt --appid wxba5fad812f8e6fb9 --aes-key $KEY 'ELGduP2YcVatjqIS+eZbp80…'
  $ curl -s "$URL?…" -d @push.xml | wxmp decrypt -            # a reply envelope, keys from WECHAT_*
  $ wxmp decrypt --token AAAAA --msg-signature 046e02f8… --timestamp 1714112445 --nonce 415670741 - < body.xml`,
    )
    .action(async (arg: string, opts: DecryptFlags) => {
      const result = decryptInput({
        text: await readInput(arg),
        appId: requireAccountSetting('appId', opts.appid),
        encodingAESKey: requireAccountSetting('encodingAESKey', opts.aesKey),
        token: accountSetting('token', opts.token),
        msgSignature: opts.msgSignature,
        timestamp: opts.timestamp,
        nonce: opts.nonce,
      });
      if (result.verified) console.error(`wxmp: ${result.verified} verified`);
      console.log(result.message);
    });
}
