/**
 * `wxmp token`: fetches (or reads from the shared store) the account's access_token and prints its expiry and a
 * masked token; `--show` prints it whole, `--force` asks WeChat for a new one.
 * @module
 */
import { Option, type Command } from 'commander';
import { loadDotEnv, readEnv } from '../../config.js';
import { FORCE_REFUSAL_TEXT } from '../../token/force-refresh-gate.js';
import { createTokenManagerFromEnv } from '../../token/from-env.js';
import { apiBaseLine } from './api.js';

/** Flags of `wxmp token`. */
interface TokenFlags {
  force?: boolean;
  show?: boolean;
  mode: 'stable' | 'classic';
  file?: string;
}

/**
 * Registers `wxmp token`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * await program.parseAsync(['node', 'wxmp', 'token', '--show']);
 * ```
 */
export function register(program: Command): void {
  program
    .command('token')
    .description(
      'print the access_token expiry and a masked token (reads WECHAT_APPID, WECHAT_APPSECRET, WECHAT_API_BASE, REDIS_URL)',
    )
    .option('--force', 'ask WeChat for a new token (stable_token force_refresh, at most once per 30 s)')
    .option('--show', 'print the whole token instead of its first 6 characters')
    .addOption(
      new Option('--mode <mode>', 'stable (POST /cgi-bin/stable_token) or classic (GET /cgi-bin/token)')
        .choices(['stable', 'classic'])
        .default('stable'),
    )
    .option('--file <path>', 'cache the token in this file when REDIS_URL is not set')
    .action(async (flags: TokenFlags) => {
      loadDotEnv();
      const env = readEnv();
      const manager = createTokenManagerFromEnv(env, {
        mode: flags.mode,
        ...(flags.file !== undefined ? { filePath: flags.file } : {}),
      });
      try {
        if (flags.force) console.error(apiBaseLine(env.apiBase, 'force_refresh', env.appId ?? '?'));
        const token = flags.force ? await manager.refresh({ force: true }) : await manager.getToken();
        const refusal = flags.force ? manager.lastForceRefusal() : undefined;
        if (refusal !== undefined) {
          // The token printed is then WeChat's current one, from a plain call: say so, and fail the command.
          console.error(
            `wxmp: force_refresh refused: ${FORCE_REFUSAL_TEXT[refusal]}; the current token follows`,
          );
          process.exitCode = 1;
        }
        const seen = await manager.peek();
        const shown = flags.show ? token : maskToken(token);
        const expiry =
          seen?.accessToken === token
            ? `expires in ${formatDuration(seen.expiresAt - Date.now())} (${new Date(seen.expiresAt).toISOString()})`
            : 'expiry unknown';
        process.stdout.write(`access_token ${shown} ${expiry}\n`);
      } finally {
        await manager.close();
      }
    });
}

/**
 * The first 6 characters and an ellipsis: enough to tell tokens apart, useless to an attacker.
 *
 * @example
 * ```ts
 * maskToken('ABCDEFGHIJKLMN'); // 'ABCDEF…'
 * ```
 */
export function maskToken(token: string): string {
  return `${token.slice(0, 6)}…`;
}

/**
 * `1h 59m 58s`-style durations.
 *
 * @example
 * ```ts
 * formatDuration(7_198_000); // '1h 59m 58s'
 * ```
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h ${m}m ${s}s` : m > 0 ? `${m}m ${s}s` : `${s}s`;
}
