/**
 * Every CLI command, in the order `wxmp --help` lists them. Add one line per new command file.
 * @module
 */
import type { Command } from 'commander';
import { register as serve } from './serve.js';
import { register as send } from './send.js';
import { register as sign } from './sign.js';
import { register as encrypt } from './encrypt.js';
import { register as decrypt } from './decrypt.js';
import { register as token } from './token.js';
import { register as tokenServer } from './token-server.js';
import { register as proxy } from './proxy.js';
import { register as menu } from './menu.js';
import { register as api } from './api.js';
import { register as emulator } from './emulator.js';
import { register as dev } from './dev.js';

/** Registers one command on the program. */
export type RegisterCommand = (program: Command) => void;

/** All commands of `wxmp`. */
export const commands: RegisterCommand[] = [
  serve,
  token,
  tokenServer,
  send,
  sign,
  encrypt,
  decrypt,
  proxy,
  menu,
  api,
  emulator,
  dev,
];
