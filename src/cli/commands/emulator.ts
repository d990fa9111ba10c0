/**
 * `wxmp emulator`: WeChat's platform in a box — the phone page, the push to your webhook and the HTTP APIs.
 * @module
 */
import type { Command } from 'commander';
import { createEmulator } from '../../emulator/app.js';
import { serveEmulator } from '../../emulator/serve.js';
import { cliEnv, parseCount, parsePort } from '../options.js';
import { EMULATOR_LIMITS } from '../../http-server/limits.js';
import { listenError } from '../serve-app.js';
import { accountFrom, banner, stopOnSignals, type EmulatorFlags } from '../../emulator/startup.js';

/** `wxmp emulator` listens here unless told otherwise (3000 is left to `wxmp serve`, the webhook it pushes to). */
export const DEFAULT_EMULATOR_PORT = 3001;

/**
 * Registers `wxmp emulator`, as in
 * `wxmp emulator --port 3001 --webhook http://127.0.0.1:3000/wx --mode safe`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * const args = ['--port', '3001', '--webhook', 'http://127.0.0.1:3000/wx', '--mode', 'safe'];
 * await program.parseAsync(['node', 'wxmp', 'emulator', ...args]);
 * ```
 */
export function register(program: Command): void {
  program
    .command('emulator')
    .description(
      'run the WeChat emulator: phone page, pushes to your webhook, platform APIs (config: WECHAT_*, PORT)',
    )
    .option('--port <n>', `port to listen on (default: PORT or ${DEFAULT_EMULATOR_PORT})`)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--webhook <url>', 'your webhook, e.g. http://127.0.0.1:3000/wx (can also be set on the page)')
    .option('--mode <mode>', 'message encryption: plain, compatible or safe (default plain)')
    .option(
      '--max-connections <n>',
      `concurrent connections; more are refused at once (default: ${EMULATOR_LIMITS.maxConnections})`,
    )
    .option('--state <file>', 'keep the emulated world (fans, chats, media, menus…) in this JSON file')
    .action(async (opts: EmulatorFlags) => {
      const env = cliEnv();
      const emulator = createEmulator({ account: accountFrom(env, opts), stateFile: opts.state });
      const port = parsePort(opts.port, '--port') ?? env.port ?? DEFAULT_EMULATOR_PORT;
      const served = await serveEmulator(emulator, {
        port,
        host: opts.host,
        limits: {
          maxConnections:
            parseCount(opts.maxConnections, '--max-connections') ?? EMULATOR_LIMITS.maxConnections,
        },
      }).catch((err: unknown) => {
        throw listenError(err, port, opts.host);
      });
      console.log(banner('wxmp emulator', served.url, emulator.state.account, env));
      stopOnSignals(served.close);
    });
}
