/**
 * `wxmp sign`: compute the signatures WeChat puts in the query: `signature` over Token, timestamp and nonce, and
 * `msg_signature` over those and the Encrypt value; or the whole query of a URL verification.
 * @module
 */
import type { Command } from 'commander';
import { configError } from '../../config.js';
import { computeMsgSignature, computeSignature } from '../../crypto/signature.js';
import { newNonce } from '../../crypto/signature.js';
import { requireAccountSetting } from '../options.js';

/** What `wxmp sign` signs. */
export interface SignInput {
  token: string;
  timestamp: string;
  nonce: string;
  /** Also compute `msg_signature` over this Encrypt value. */
  encrypt?: string | undefined;
  /** Build the query of a URL verification (GET) with this echostr. */
  echostr?: string | undefined;
}

/** The signatures, and the verification query when `echostr` was given. */
export interface SignOutput {
  signature: string;
  timestamp: string;
  nonce: string;
  msg_signature?: string;
  /** `?signature=…&timestamp=…&nonce=…&echostr=…`, ready to append to the webhook URL. */
  query?: string;
}

/**
 * Computes `signature` (and `msg_signature`, and the verification query) for the given inputs.
 *
 * @example
 * ```ts
 * signValues({ token: 'AAAAA', timestamp: '1714036504', nonce: '1514711492' }).signature;
 * // 'f464b24fc39322e44b38aa78f5edd27bd1441696'
 * ```
 */
export function signValues(input: SignInput): SignOutput {
  const { token, timestamp, nonce } = input;
  const out: SignOutput = { signature: computeSignature(token, timestamp, nonce), timestamp, nonce };
  if (input.encrypt !== undefined)
    out.msg_signature = computeMsgSignature(token, timestamp, nonce, input.encrypt);
  if (input.echostr !== undefined) {
    const query = new URLSearchParams({ signature: out.signature, timestamp, nonce, echostr: input.echostr });
    out.query = `?${query.toString()}`;
  }
  return out;
}

/**
 * Formats the result: `name=value` lines (the verification query alone with `echostr`), or JSON.
 *
 * @example
 * ```ts
 * const out = signValues({ token: 'AAAAA', timestamp: '1714036504', nonce: '1514711492' });
 * formatSign(out, false, { timestamp: false, nonce: false }); // 'signature=f464b24fc39322e44b38aa78f5edd27bd1441696'
 * ```
 */
export function formatSign(
  out: SignOutput,
  json: boolean,
  generated: { timestamp: boolean; nonce: boolean },
): string {
  if (json) return JSON.stringify(out);
  if (out.query !== undefined) return out.query;
  const lines = [`signature=${out.signature}`];
  if (out.msg_signature !== undefined) lines.push(`msg_signature=${out.msg_signature}`);
  // Values the user did not choose are printed, or the signature could not be used.
  if (generated.timestamp) lines.push(`timestamp=${out.timestamp}`);
  if (generated.nonce) lines.push(`nonce=${out.nonce}`);
  return lines.join('\n');
}

interface SignFlags {
  token?: string;
  timestamp?: string;
  nonce?: string;
  encrypt?: string;
  echostr?: string;
  json?: boolean;
}

/**
 * Registers `wxmp sign`, as in `wxmp sign --token tok --timestamp 1710000000 --nonce abc`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * await program.parseAsync(['node', 'wxmp', 'sign', '--token', 'tok', '--timestamp', '1710000000', '--nonce', 'abc']);
 * ```
 */
export function register(program: Command): void {
  program
    .command('sign')
    .description('compute signature (and msg_signature) as WeChat does, or a whole URL-verification query')
    .option('--token <token>', 'the Token of the server configuration (default: WECHAT_TOKEN)')
    .option('--timestamp <seconds>', 'Unix seconds (default: now, printed)')
    .option('--nonce <nonce>', 'the nonce (default: random, printed)')
    .option('--encrypt <value>', 'also print msg_signature over this Encrypt value')
    .option('--echostr <value>', 'print the query of a URL verification (GET) with this echostr')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ wxmp sign --token AAAAA --timestamp 1714036504 --nonce 1514711492
  signature=f464b24fc39322e44b38aa78f5edd27bd1441696
  $ wxmp sign --token AAAAA --timestamp 1714112445 --nonce 415670741 --encrypt '+qdx1OKCy+5JPC…'
  $ curl "http://127.0.0.1:3000/wx$(wxmp sign --echostr hello)"      # WECHAT_TOKEN; answers hello`,
    )
    .action((opts: SignFlags) => {
      const token = requireAccountSetting('token', opts.token);
      if (opts.timestamp !== undefined && !/^\d{1,12}$/.test(opts.timestamp)) {
        configError('--timestamp', `must be Unix seconds, got "${opts.timestamp}"`);
      }
      const out = signValues({
        token,
        timestamp: opts.timestamp ?? String(Math.floor(Date.now() / 1000)),
        nonce: opts.nonce ?? newNonce(),
        encrypt: opts.encrypt,
        echostr: opts.echostr,
      });
      const generated = { timestamp: opts.timestamp === undefined, nonce: opts.nonce === undefined };
      console.log(formatSign(out, opts.json === true, generated));
    });
}
