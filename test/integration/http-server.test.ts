import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeGracefully } from '../../src/http-server/graceful-close.js';
import { applyServerLimits, serverOptions, type ServerLimits } from '../../src/http-server/limits.js';
import { openConnections, waitFor, type HeldSocket } from '../support/server-process.js';

const LIMITS: ServerLimits = {
  maxConnections: 4,
  idleTimeoutMs: 600,
  headersTimeoutMs: 400,
  requestTimeoutMs: 600,
};
const held: HeldSocket[] = [];
let server: Server | undefined;
afterEach(() => {
  for (const h of held.splice(0)) h.socket.destroy();
  server?.closeAllConnections();
  server?.close();
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  server = createServer(serverOptions(LIMITS), handler);
  applyServerLimits(server, LIMITS);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

describe('server limits', () => {
  it('close a silent connection, refuse one past the cap at once, and answer 408 to a partial body', async () => {
    const port = await listen((req, res) => req.resume().on('end', () => res.end('ok')));
    const silent = await openConnections(port, 1);
    const partial = await openConnections(
      port,
      1,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab',
    );
    held.push(...silent, ...partial, ...(await openConnections(port, 2)));
    const over = await openConnections(port, 1);
    held.push(...over);
    expect(await waitFor(() => over[0]!.closedAfterMs !== undefined, 1000)).toBe(true);
    expect(
      await waitFor(
        () => silent[0]!.closedAfterMs !== undefined && partial[0]!.closedAfterMs !== undefined,
        5000,
      ),
    ).toBe(true);
    expect(partial[0]!.received).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('closeGracefully', () => {
  it('answers the request in flight, then resolves without cutting anything', async () => {
    const port = await listen((req, res) => void setTimeout(() => res.end('late'), 300));
    const answer = fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    const closed = closeGracefully(server!, { graceMs: 5000 });
    expect(await answer).toBe('late');
    expect(await closed).toEqual({ forced: false });
  });

  it('cuts what is still open after the grace period', async () => {
    const port = await listen(() => undefined); // never answers
    void fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(await closeGracefully(server!, { graceMs: 200 })).toEqual({ forced: true });
  });
});
