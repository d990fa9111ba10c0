/**
 * F5: SIGTERM reset every request in flight (`closeAllConnections()` at once), and exited 0. Now a server stops
 * accepting, answers what it is answering, closes its connections as they go idle, and exits 0 within its grace
 * period (12 s), cutting only what is still open then.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPush, inbound } from '../../../src/push/index.js';
import {
  SCRATCH,
  startServerProcess,
  type HeldSocket,
  type ServerProcess,
} from '../../support/server-process.js';

const SLOW = join(SCRATCH, 'slow-reply.mjs');
writeFileSync(
  SLOW,
  "export default async () => { await new Promise((r) => setTimeout(r, 1500)); return 'slow answer'; };\n",
);

const held: HeldSocket[] = [];
let server: ServerProcess | undefined;
afterEach(async () => {
  for (const h of held.splice(0)) h.socket.destroy();
  await server?.stop('SIGKILL');
  server = undefined;
});

describe('F5: graceful shutdown', () => {
  it('wxmp serve answers the push in flight, then exits 0', async () => {
    server = await startServerProcess('serve', ['--handler', SLOW], { WECHAT_TOKEN: 'AAAAA' });
    const push = buildPush(inbound.text({ from: 'oFan', to: 'gh' }, 'hi'), { token: 'AAAAA', mode: 'plain' });
    const answer = fetch(`${server.url}/wx${push.search}`, { method: 'POST', body: push.body }).then(
      async (res) => ({ status: res.status, body: await res.text() }),
      (err: unknown) => ({ status: 0, body: String(err) }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const stopped = server.stop('SIGTERM');
    const { status, body } = await answer;
    expect(status).toBe(200);
    expect(body).toContain('slow answer');
    const { code, ms } = await stopped;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(12_000);
  });

  it('wxmp emulator answers the fan action in flight (its push to a slow webhook), then exits 0', async () => {
    const slow = createServer((req, res) => {
      req.resume();
      setTimeout(() => res.end('success'), 1500);
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = slow.address() as AddressInfo;
      server = await startServerProcess('emulator', ['--webhook', `http://127.0.0.1:${port}/wx`], {});
      const answer = fetch(`${server.url}/__emulator/fans/oWxmpDefaultFan000000000001/text`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'hi' }),
      }).then(
        (res) => res.status,
        () => 0,
      );
      await new Promise((r) => setTimeout(r, 300));
      const stopped = server.stop('SIGTERM');
      expect(await answer).toBe(200);
      const { code, ms } = await stopped;
      expect(code).toBe(0);
      expect(ms).toBeLessThan(12_000);
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });
});
