/**
 * What every bench server child shares: listen on loopback, report `ready` and stats over IPC, exit when told to or
 * when the runner goes away (so no server outlives an interrupted bench).
 * @module
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReadyMessage, ServerCommand, ServerStats } from '../ipc.js';

/** Counters the server itself keeps. */
export interface Counters {
  handlerRuns: number;
  dedupCalls: number;
}

function send(message: ReadyMessage | ServerStats): void {
  process.send?.(message);
}

function stats(counters: Counters): ServerStats {
  const cpu = process.cpuUsage();
  return {
    type: 'stats',
    ...counters,
    cpuMs: (cpu.user + cpu.system) / 1000,
    // maxRSS is in KiB.
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * Listens on 127.0.0.1 (a free port) and serves the runner's IPC commands.
 *
 * @example
 * ```ts
 * await serveChild(createServer(handler), { handlerRuns: 0, dedupCalls: 0 });
 * ```
 */
export async function serveChild(server: Server, counters: Counters): Promise<void> {
  if (!process.send) throw new Error('bench servers are started by bench/run.ts (they report over IPC)');
  process.on('disconnect', () => process.exit(0));
  process.on('message', (command: ServerCommand) => {
    if (command.type === 'stats') send(stats(counters));
    // process.exit (not a signal) so that --cpu-prof can write its profile.
    if (command.type === 'exit') process.exit(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
}
