/**
 * `wxmp menu push FILE | get | delete`: manage the custom menu of the account of the environment. `push` checks
 * the menu against WeChat's limits before sending it.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { validateMenu } from '../../api/menu-rules.js';
import type { Menu } from '../../api/types/menu.js';
import { WeChatError } from '../../errors.js';
import { withClientFromEnv, type ClientFlags } from './api.js';

/**
 * Reads and checks a menu file: JSON `{"button":[…]}`, as menu/create takes it.
 *
 * @example
 * ```ts
 * const menu = await readMenuFile('menu.json');
 * ```
 */
export async function readMenuFile(path: string): Promise<Menu> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new WeChatError(
      'CONFIG_INVALID',
      `Cannot read the menu file ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let menu: unknown;
  try {
    menu = JSON.parse(text);
  } catch (err) {
    throw new WeChatError(
      'CONFIG_INVALID',
      `The menu file ${path} is not valid JSON (${(err as Error).message})`,
    );
  }
  validateMenu(menu);
  return menu as Menu;
}

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

/**
 * Registers `wxmp menu`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * await program.parseAsync(['node', 'wxmp', 'menu', 'push', 'menu.json']);
 * ```
 */
export function register(program: Command): void {
  const menu = program
    .command('menu')
    .description('manage the custom menu (reads WECHAT_APPID, WECHAT_APPSECRET, WECHAT_API_BASE, REDIS_URL)');
  menu
    .command('push')
    .description('check a menu file ({"button":[…]}) against WeChat\'s limits and make it the menu')
    .argument('<file>', 'JSON file with the menu')
    .option('--dry-run', 'only check the file')
    .option('--token-file <path>', 'cache the access_token in this file when REDIS_URL is not set')
    .action(async (file: string, flags: ClientFlags & { dryRun?: boolean }) => {
      const body = await readMenuFile(file);
      if (flags.dryRun) {
        process.stdout.write(`${file}: menu OK (${body.button.length} top-level buttons)\n`);
        return;
      }
      print(await withClientFromEnv(flags, (client) => client.menu.create(body), { changes: 'menu.create' }));
    });
  menu
    .command('get')
    .description('print the menu set through the API (errcode 46003 when there is none)')
    .option('--token-file <path>', 'cache the access_token in this file when REDIS_URL is not set')
    .action(async (flags: ClientFlags) =>
      print(await withClientFromEnv(flags, (client) => client.menu.get())),
    );
  menu
    .command('delete')
    .description('delete the menu and every conditional menu')
    .option('--token-file <path>', 'cache the access_token in this file when REDIS_URL is not set')
    .action(async (flags: ClientFlags) =>
      print(await withClientFromEnv(flags, (client) => client.menu.delete(), { changes: 'menu.delete' })),
    );
}
