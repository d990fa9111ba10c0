/**
 * F2: idle connections. With no cap and Node's default timeouts, 1,003 idle TCP connections locked out `serve`, the
 * token server and the proxy (an open-file limit of 1,024; idle connections were kept 60–88 s, slow headers 90 s).
 * Now every server closes a connection that sends nothing, or sends its headers too slowly, within seconds, and
 * refuses connections past its cap at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  openConnections,
  startServerProcess,
  waitFor,
  type HeldSocket,
  type ServerProcess,
} from '../../support/server-process.js';

const SECRET = '0123456789abcdef0123456789abcdef';
const SERVERS: { command: string; env: Record<string, string>; probe: string }[] = [
  { command: 'serve', env: { WECHAT_TOKEN: 'AAAAA', WECHAT_MESSAGE_MODE: 'plain' }, probe: '/healthz' },
  {
    command: 'token-server',
    env: { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_APPSECRET: SECRET, WXMP_CLIENT_KEYS: SECRET },
    probe: '/healthz',
  },
  {
    command: 'proxy',
    env: { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_APPSECRET: SECRET, WXMP_CLIENT_KEYS: SECRET },
    probe: '/cgi-bin/menu/get',
  },
  { command: 'emulator', env: {}, probe: '/' },
];

const held: HeldSocket[] = [];
let server: ServerProcess | undefined;
afterEach(async () => {
  for (const h of held.splice(0)) h.socket.destroy();
  await server?.stop('SIGKILL');
  server = undefined;
});

const closedAll = (sockets: HeldSocket[]) => sockets.every((s) => s.closedAfterMs !== undefined);

describe('F2: idle and slow connections are closed within seconds; past the cap, new ones are refused at once', () => {
  for (const { command, env, probe } of SERVERS) {
    it(`wxmp ${command}`, async () => {
      server = await startServerProcess(command, ['--max-connections', '40'], env);
      const idle = await openConnections(server.port, 15);
      const slowHeaders = await openConnections(server.port, 15, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      held.push(...idle, ...slowHeaders);
      // 30 of 40 slots taken: of 20 more connections, at least 10 are refused the moment they arrive.
      const over = await openConnections(server.port, 20);
      held.push(...over);
      await waitFor(() => over.filter((s) => s.closedAfterMs !== undefined).length >= 10, 2000);
      expect(over.filter((s) => (s.closedAfterMs ?? Infinity) < 2000).length).toBeGreaterThanOrEqual(10);
      // Main kept these 60–90 s; the idle timeout is 5 s, the header timeouts 2–3 s.
      expect(await waitFor(() => closedAll(idle) && closedAll(slowHeaders), 9000)).toBe(true);
      expect(Math.max(...idle.map((s) => s.closedAfterMs ?? Infinity))).toBeLessThan(9000);
      for (const h of held) h.socket.destroy();
      // Then clients are served again.
      const res = await fetch(`${server.url}${probe}`);
      expect(res.status).toBeLessThan(500);
    });
  }
});
