/**
 * Running the real `wxmp` (bin/wxmp.js, built into dist/ by `pretest`) as a process, with a clean environment and a
 * scratch working directory (so no developer's `.env` or WECHAT_* variables leak in).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/wxmp.js', import.meta.url));
const CWD = mkdtempSync(join(tmpdir(), 'wxmp-e2e-'));

/** The account every e2e test uses (the DOC-PUSH Token and AppID, a non-trivial key). */
export const ACCOUNT = {
  WECHAT_TOKEN: 'AAAAA',
  WECHAT_APPID: 'wxba5fad812f8e6fb9',
  WECHAT_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('WECHAT_') && key !== 'PORT' && key !== 'REDIS_URL') env[key] = value;
  }
  return { ...env, LOG_LEVEL: 'warn', NO_COLOR: '1', ...extra };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `wxmp ...args` to completion; `input` goes to stdin. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: CWD, env: cleanEnv(options.env ?? {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A running `wxmp serve`. */
export interface Served {
  url: string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `wxmp serve ...args --port 0` and reads the URL it prints. */
export async function startServe(args: string[], env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args, '--port', '0', '--host', '127.0.0.1'], {
    cwd: CWD,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited(child);
      clearTimeout(killer);
    }
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`wxmp serve did not start:\n${output}`)), 20_000);
      const read = (d: Buffer) => {
        output += d.toString();
        const found = /listening at (http:\/\/\S+)/.exec(output);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.once('exit', (code) => reject(new Error(`wxmp serve exited with ${code}:\n${output}`)));
    });
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
