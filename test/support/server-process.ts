/**
 * A wxmp server (`serve`, `token-server`, `proxy`, `emulator`) as a child process on 127.0.0.1, port 0: its URL,
 * its memory (from /proc) and a stop by signal that reports the exit code and how long it took. For the tests that
 * reproduce the red-team findings (test/integration/hostile/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/wxmp.js', import.meta.url));
export const SCRATCH = mkdtempSync(join(tmpdir(), 'wxmp-hostile-'));

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** Resident memory now and at its peak, in MB (Linux /proc). */
  memory(): { rssMb: number; peakMb: number };
  /** Sends `signal` and waits for the exit: its code and the ms it took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** Where each command says it listens. */
const LISTENING = [
  /listening at http:\/\/[^:]+:(\d+)/,
  /"port":(\d+)[^\n]*listening/,
  /open http:\/\/[^:]+:(\d+)\//,
];

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('WECHAT_') && !key.startsWith('WXMP_') && key !== 'PORT' && key !== 'REDIS_URL')
      env[key] = value;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Starts `wxmp <command> ...args --port 0 --host 127.0.0.1` and waits until it listens. */
export async function startServerProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  options: { port?: number } = {},
): Promise<ServerProcess> {
  const port0 = String(options.port ?? 0);
  const child = spawn(process.execPath, [BIN, command, ...args, '--port', port0, '--host', '127.0.0.1'], {
    cwd: SCRATCH,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wxmp ${command} did not start:\n${output}`)), 20_000);
    const read = (d: Buffer) => {
      output += d.toString();
      for (const pattern of LISTENING) {
        const found = pattern.exec(output);
        if (found) {
          clearTimeout(timer);
          resolve(Number(found[1]));
        }
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wxmp ${command} exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    async stop(signal = 'SIGTERM') {
      const started = Date.now();
      if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, ms: 0 };
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(killer);
      return { code, ms: Date.now() - started };
    },
  };
}

/** Opens `count` TCP connections to `port` and writes `first` on each (nothing when empty). */
export async function openConnections(port: number, count: number, first = ''): Promise<HeldSocket[]> {
  const sockets: HeldSocket[] = [];
  for (let i = 0; i < count; i++) sockets.push(await holdSocket(port, first));
  return sockets;
}

/** A socket a test holds open, with when (ms since open) the server closed it, if it did. */
export interface HeldSocket {
  socket: Socket;
  openedAt: number;
  closedAfterMs: number | undefined;
  received: string;
}

function holdSocket(port: number, first: string): Promise<HeldSocket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const held: HeldSocket = { socket, openedAt: Date.now(), closedAfterMs: undefined, received: '' };
    socket.on('data', (d: Buffer) => (held.received += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => (held.closedAfterMs = Date.now() - held.openedAt));
    socket.once('connect', () => {
      if (first) socket.write(first);
      resolve(held);
    });
    // A connection refused at once may close before it connects.
    socket.once('close', () => resolve(held));
  });
}

/** Waits until `check` holds or `ms` pass; resolves whether it held. */
export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
