/**
 * A TCP pass-through for what no HTTP server can be told to play: a test cuts it to play "Redis went down", or has it
 * drop the next connections the moment a request arrives (a connection reset before any answer), without touching
 * the real server behind it.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** The target's URL with the proxy's address (`redis://…` or `http://…`). */
  url: string;
  /** Drops every connection and stops listening: clients see a closed port from now on. */
  cut(): Promise<void>;
  /** The next `count` connections are destroyed once their first bytes arrive, unanswered. */
  dropNext(count: number): void;
  /** How many connections were dropped so far. */
  readonly dropped: number;
}

/**
 * Starts a pass-through to `targetUrl` (Redis or HTTP) on 127.0.0.1, port 0.
 *
 * @example
 * ```ts
 * const proxy = await startTcpProxy('redis://127.0.0.1:6379');
 * await proxy.cut();
 * ```
 */
export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const defaultPort = target.protocol === 'http:' ? 80 : 6379;
  const sockets = new Set<Socket>();
  let toDrop = 0;
  let dropped = 0;
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (toDrop > 0) {
      toDrop -= 1;
      client.once('data', () => {
        dropped += 1;
        client.resetAndDestroy();
      });
      return;
    }
    const upstream = connect(Number(target.port || defaultPort), target.hostname);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const auth = target.username || target.password ? `${target.username}:${target.password}@` : '';
  const path = target.pathname === '/' ? '' : target.pathname;
  return {
    url: `${target.protocol}//${auth}127.0.0.1:${port}${path}`,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
    dropNext(count) {
      toDrop += count;
    },
    get dropped() {
      return dropped;
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
