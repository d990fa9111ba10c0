/**
 * `wxmp encrypt`: encrypt a message as WeChat does in compatible and safe mode, optionally sealed into the signed
 * reply envelope.
 * @module
 */
import type { Command } from 'commander';
import { sealEnvelope } from '../../crypto/envelope.js';
import { MessageCrypto } from '../../crypto/message-crypto.js';
import { configError } from '../../config.js';
import { newNonce } from '../../crypto/signature.js';
import { accountSetting, requireAccountSetting } from '../options.js';
import { readInput } from '../stdin.js';

/** What `wxmp encrypt` needs. */
export interface EncryptInput {
  message: string;
  appId: string;
  encodingAESKey: string;
  /** Wrap the result in the signed reply envelope (needs `token`). */
  envelope?: boolean;
  token?: string | undefined;
  timestamp?: string | undefined;
  nonce?: string | undefined;
  /** The 16 random bytes in front of the message, as 16 characters: for known-answer vectors. */
  random?: string | undefined;
}

/**
 * Encrypts a message into the `Encrypt` base64, or into the whole signed envelope of a safe-mode reply.
 *
 * @example
 * ```ts
 * encryptMessage({ message: '<xml>…</xml>', appId: 'wxba5fad812f8e6fb9', encodingAESKey: 'A'.repeat(43) });
 * ```
 */
export function encryptMessage(input: EncryptInput): string {
  const crypto = new MessageCrypto({ appId: input.appId, encodingAESKey: input.encodingAESKey });
  let random: Buffer | undefined;
  if (input.random !== undefined) {
    random = Buffer.from(input.random, 'utf8');
    if (random.length !== 16)
      configError('--random', `must be exactly 16 ASCII characters, got ${random.length} bytes`);
  }
  if (!input.envelope) return crypto.encrypt(input.message, random ? { random } : {});
  if (!input.token) configError('--token', 'is required with --safe-envelope (or set WECHAT_TOKEN)');
  const timestamp = input.timestamp ?? String(Math.floor(Date.now() / 1000));
  if (!/^\d{1,12}$/.test(timestamp)) configError('--timestamp', `must be Unix seconds, got "${timestamp}"`);
  return sealEnvelope(input.message, {
    crypto,
    token: input.token,
    timestamp,
    nonce: input.nonce ?? newNonce(),
    ...(random ? { random } : {}),
  });
}

/**
 * Drops the one line break a shell or editor adds at the end of piped input.
 *
 * @example
 * ```ts
 * trimFinalNewline('<xml/>\n'); // '<xml/>'
 * ```
 */
export function trimFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

interface EncryptFlags {
  appid?: string;
  aesKey?: string;
  token?: string;
  safeEnvelope?: boolean;
  timestamp?: string;
  nonce?: string;
  random?: string;
}

/**
 * Registers `wxmp encrypt`, as in `wxmp encrypt --appid wx1234 --aes-key "$KEY" - < reply.xml`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * // the key from WECHAT_ENCODING_AES_KEY, the reply on stdin
 * await program.parseAsync(['node', 'wxmp', 'encrypt', '--appid', 'wx1234', '-']);
 * ```
 */
export function register(program: Command): void {
  program
    .command('encrypt')
    .description('encrypt a message as WeChat does (compatible/safe mode); prints the Encrypt base64')
    .argument('<message>', 'the plaintext (XML, or JSON for mini programs), or - to read stdin')
    .option('--appid <appid>', 'the AppID sealed into the message (default: WECHAT_APPID)')
    .option('--aes-key <key>', 'the 43-character EncodingAESKey (default: WECHAT_ENCODING_AES_KEY)')
    .option('--token <token>', 'the Token that signs the envelope (default: WECHAT_TOKEN)')
    .option('--safe-envelope', 'print the whole signed reply envelope instead of the bare Encrypt value')
    .option('--timestamp <seconds>', 'TimeStamp of the envelope (default: now)')
    .option('--nonce <nonce>', 'Nonce of the envelope (default: random)')
    .option('--random <text>', 'fixed random prefix instead of random bytes, to reproduce known vectors')
    .addHelpText(
      'after',
      `
Stdin input (-) loses its final line break; an argument is encrypted exactly as given.

Examples:
  $ wxmp encrypt --appid wxba5fad812f8e6fb9 --aes-key $KEY '<xml><Content><![CDATA[hi]]></Content></xml>'
  $ wxmp encrypt - < reply.xml                                 # keys from WECHAT_APPID, WECHAT_ENCODING_AES_KEY
  $ wxmp encrypt --safe-envelope --token AAAAA --timestamp 1713424427 --nonce 415670741 - < reply.xml
  $ wxmp encrypt - < reply.xml | wxmp decrypt -                # round trip`,
    )
    .action(async (arg: string, opts: EncryptFlags) => {
      const message = arg === '-' ? trimFinalNewline(await readInput(arg)) : arg;
      const output = encryptMessage({
        message,
        appId: requireAccountSetting('appId', opts.appid),
        encodingAESKey: requireAccountSetting('encodingAESKey', opts.aesKey),
        envelope: opts.safeEnvelope === true,
        token: opts.safeEnvelope ? accountSetting('token', opts.token) : undefined,
        timestamp: opts.timestamp,
        nonce: opts.nonce,
        random: opts.random,
      });
      console.log(output);
    });
}
