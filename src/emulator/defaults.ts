/**
 * The embedded defaults `npm start` / `wxmp dev` / `wxmp emulator` run on when no `WECHAT_*` variable is set. They are
 * development credentials of the emulated account only: printed at start, valid nowhere else.
 * @module
 */
import type { EmulatedAccount } from './world.js';

/** The emulated account's settings when nothing is configured. */
export const DEFAULT_ACCOUNT: Readonly<Omit<EmulatedAccount, 'webhookUrl'>> = {
  appId: 'wxe0mu1a7000000001',
  appSecret: 'wxmpemulatorappsecret00000000001',
  ghId: 'gh_e0mu1a700001',
  name: 'wxmp 测试号',
  token: 'wxmpdev',
  encodingAESKey: 'wxmpEmulatorDevelopmentEncodingAESKey000001',
  mode: 'plain',
};

/** The default port of `wxmp dev` / `npm start` (PORT overrides). */
export const DEFAULT_DEV_PORT = 3000;
