/**
 * `wxmp encrypt`: encrypt a message as WeChat does in compatible and safe mode, optionally sealed into the signed
 * reply envelope. Also home of the account flags (`--token`, `--appid`, `--aes-key`, env defaults) and of `-` for
 * stdin, which `send`, `sign` and `decrypt` share.
 * @module
 */
import { randomInt } from 'node:crypto';
import type { Command } from 'commander';
import { configError, configRules, loadDotEnv } from '../../config.js';
import { sealEnvelope } from '../../crypto/envelope.js';
import { MessageCrypto } from '../../crypto/message-crypto.js';

/** The account settings a tool may need, each a flag with an environment default. */
export type AccountSetting = 'token' | 'appId' | 'encodingAESKey';

const SETTINGS: Record<AccountSetting, { flag: string; variable: string }> = {
  token: { flag: '--token', variable: 'WECHAT_TOKEN' },
  appId: { flag: '--appid', variable: 'WECHAT_APPID' },
  encodingAESKey: { flag: '--aes-key', variable: 'WECHAT_ENCODING_AES_KEY' },
};

/**
 * Reads one account setting: the flag when given, else its environment variable (after `.env`), validated with the
 * rules of the console. Only this setting is read, so an unrelated bad variable does not stop a tool. The value is
 * never echoed in an error.
 *
 * @example
 * ```ts
 * accountSetting('token', opts.token); // opts.token, or WECHAT_TOKEN, or undefined
 * ```
 */
export function accountSetting(
  name: AccountSetting,
  flagValue: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const { flag, variable } = SETTINGS[name];
  if (flagValue === undefined && env === process.env) loadDotEnv();
  const [source, raw] = flagValue !== undefined ? [flag, flagValue] : [variable, env[variable]];
  if (raw === undefined || raw === '') return undefined;
  const parsed = configRules[name].safeParse(raw);
  if (!parsed.success) configError(source, parsed.error.issues[0]?.message ?? 'is invalid');
  return parsed.data;
}

/**
 * Like {@link accountSetting}, but a missing value is a config error naming both the flag and the variable.
 *
 * @example
 * ```ts
 * const appId = requireAccountSetting('appId', opts.appid); // throws "--appid is required (or set WECHAT_APPID)"
 * ```
 */
export function requireAccountSetting(
  name: AccountSetting,
  flagValue: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  const value = accountSetting(name, flagValue, env);
  if (value === undefined)
    configError(SETTINGS[name].flag, `is required (or set ${SETTINGS[name].variable})`);
  return value;
}

/**
 * Returns the argument, or all of stdin when it is `-`.
 *
 * @example
 * ```ts
 * const xml = await readInput(arg); // `wxmp encrypt - < message.xml`
 * ```
 */
export async function readInput(
  arg: string,
  stdin: AsyncIterable<Buffer | string> = process.stdin,
): Promise<string> {
  if (arg !== '-') return arg;
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A 9- or 10-digit nonce like WeChat's.
 *
 * @example
 * ```ts
 * newNonce(); // '1514711492'
 * ```
 */
export function newNonce(): string {
  return String(randomInt(100_000_000, 2_000_000_000));
}

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
 * Registers `wxmp encrypt`.
 *
 * @example
 * ```sh
 * wxmp encrypt --appid wx1234 --aes-key "$KEY" - < reply.xml
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
