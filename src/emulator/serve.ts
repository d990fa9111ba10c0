/**
 * Puts an emulator on a port (node:http through @hono/node-server).
 * @module
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { closeGracefully } from '../http-server/graceful-close.js';
import {
  applyServerLimits,
  EMULATOR_LIMITS,
  serverOptions,
  type ServerLimits,
} from '../http-server/limits.js';
import type { Emulator } from './app.js';

/** The emulator's requests are quick (pushes wait 5 s at most): what is still open after this is cut. */
const SHUTDOWN_GRACE_MS = 5000;

/** A listening emulator. */
export interface ServedEmulator {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  /**
   * Ends the live streams, stops listening, lets the requests in flight be answered (cut after 5 s), and closes the
   * emulator.
   */
  close: () => Promise<void>;
}

/**
 * Listens on `host:port` (default 127.0.0.1, port 0 = any free port) with the connection limits of
 * {@link EMULATOR_LIMITS} (or `limits`), and tells the emulator its origin, so PicUrl links and a relative webhook
 * URL (`/wx`) resolve.
 *
 * @example
 * ```ts
 * import { createEmulator } from './app.js';
 * const emulator = createEmulator();
 * const { url, close } = await serveEmulator(emulator, { port: 3000 });
 * ```
 */
export async function serveEmulator(
  emulator: Emulator,
  options: { port?: number; host?: string; limits?: Partial<ServerLimits> } = {},
): Promise<ServedEmulator> {
  const host = options.host ?? '127.0.0.1';
  const limits = { ...EMULATOR_LIMITS, ...options.limits };
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({
      fetch: emulator.app.fetch,
      port: options.port ?? 0,
      hostname: host,
      serverOptions: serverOptions(limits),
    }) as Server;
    applyServerLimits(s, limits);
    s.once('error', reject);
    s.once('listening', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard bind is reachable on loopback; links must name an address a browser can open.
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}`;
  emulator.origin = url;
  return {
    url,
    port,
    close: async () => {
      // Live streams first: they never end on their own, so they would hold the graceful close to its end.
      await emulator.close();
      await closeGracefully(server, { graceMs: SHUTDOWN_GRACE_MS });
    },
  };
}
