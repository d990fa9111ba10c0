/**
 * `wxmp serve` instances for the deploy and cluster tests: child processes on fixed loopback ports (so nginx's
 * upstream list holds across a restart), their logs in files, their memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/wxmp.js', import.meta.url));
export const CLUSTER_BOT = fileURLToPath(new URL('./bot.mjs', import.meta.url));

/** One instance: start it, kill it, start it again on the same port. */
export interface Instance {
  port: number;
  child(): ChildProcess;
  start(): Promise<void>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resident memory now, in MB (Linux /proc). */
  rssMb(): number;
  logFile: string;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('WECHAT_') && !key.startsWith('WXMP_') && key !== 'PORT' && key !== 'REDIS_URL')
      env[key] = value;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** An instance of `wxmp serve --handler <bot>` on `port`, its output appended to `<dir>/serve-<port>.log`. */
export function serveInstance(options: {
  port: number;
  dir: string;
  env: Record<string, string>;
  args?: string[];
}): Instance {
  const logFile = join(options.dir, `serve-${options.port}.log`);
  let child: ChildProcess | undefined;
  let generation = 0;
  const instance: Instance = {
    port: options.port,
    logFile,
    child: () => child!,
    async start() {
      generation += 1;
      const fd = openSync(logFile, 'a');
      const args = ['serve', '--handler', CLUSTER_BOT, '--host', '127.0.0.1', '--port', String(options.port)];
      child = spawn(process.execPath, [BIN, ...args, ...(options.args ?? [])], {
        cwd: options.dir,
        env: cleanEnv(options.env),
        stdio: ['ignore', fd, fd],
      });
      closeSync(fd);
      const started = child;
      const mark = `listening at http://127.0.0.1:${options.port}/`;
      const deadline = Date.now() + 20_000;
      // Each start appends; count the lines that say it listens.
      while (countOf(readLog(logFile), mark) < generation) {
        if (started.exitCode !== null)
          throw new Error(`wxmp serve exited:\n${readLog(logFile).slice(-3000)}`);
        if (Date.now() > deadline)
          throw new Error(`wxmp serve did not start:\n${readLog(logFile).slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(signal = 'SIGTERM') {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null)
        return running?.exitCode ?? null;
      const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
      running.kill(signal);
      return exited;
    },
    rssMb() {
      const status = readFileSync(`/proc/${child!.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
  };
  return instance;
}

export function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) count += 1;
  return count;
}
