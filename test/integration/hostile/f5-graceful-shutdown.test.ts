/**
 * F5: SIGTERM reset every request in flight (`closeAllConnections()` at once), and exited 0. Now a server stops
 * accepting, answers what it is answering, closes its connections as they go idle, and exits 0 within its grace
 * period (12 s), cutting only what is still open then.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPush, inbound } from '../../../src/push/index.js';
import {
  openConnections,
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
const SECRET = '0123456789abcdef0123456789abcdef';

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
    expect(await answer).toMatchObject({ status: 200, body: expect.stringContaining('slow answer') });
    const { code, ms } = await stopped;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(12_000);
  });

  it('wxmp token-server exits 0 within its grace period while a client holds a request open', async () => {
    server = await startServerProcess('token-server', [], {
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_APPSECRET: SECRET,
      WXMP_CLIENT_KEYS: SECRET,
    });
    held.push(
      ...(await openConnections(
        server.port,
        3,
        'POST /token/invalidate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{',
      )),
    );
    const { code, ms } = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(15_000);
  });
});
