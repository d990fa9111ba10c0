/**
 * Puts an emulator on a port (node:http through @hono/node-server).
 * @module
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { Emulator } from './app.js';

/** A listening emulator. */
export interface ServedEmulator {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  /** Stops listening (open connections and live streams are ended) and closes the emulator. */
  close: () => Promise<void>;
}

/**
 * Listens on `host:port` (default 127.0.0.1, port 0 = any free port) and tells the emulator its origin, so PicUrl
 * links and a relative webhook URL (`/wx`) resolve.
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
  options: { port?: number; host?: string } = {},
): Promise<ServedEmulator> {
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: emulator.app.fetch, port: options.port ?? 0, hostname: host }) as Server;
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
      await emulator.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
