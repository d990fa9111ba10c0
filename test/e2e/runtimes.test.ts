/**
 * The fetch adapter on the runtimes it is documented for, for real: Bun (`Bun.serve`), Deno (`Deno.serve`) and
 * Cloudflare Workers (workerd, run by Miniflare, bundled with esbuild, `nodejs_compat`), each serving the built
 * package's echo bot (test/e2e/runtimes/) on a loopback port, pushed to over HTTP as WeChat would.
 *
 * The runtimes are not dependencies (~300 MB): `node test/support/runtimes/install.mjs` installs the pinned ones.
 * Without them each suite is skipped loudly, except under CI=true, where it fails.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReply, signedRequest, type SignedRequest, type TestKeys } from '../../dist/testing/index.js';
import {
  findRuntimes,
  INSTALL_COMMAND,
  PINNED,
  type Binary,
  type RuntimeName,
  type Workers,
} from '../support/runtimes/index.js';

const SERVERS = fileURLToPath(new URL('runtimes/', import.meta.url));
const ACCOUNT = {
  token: 'AAAAA',
  appId: 'wxba5fad812f8e6fb9',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const KEYS = JSON.stringify(ACCOUNT);
/** Starting a runtime and each request are bounded, so a hung runtime fails the suite instead of stalling it. */
const START_MS = 30_000;
const REQUEST_MS = 10_000;

const TITLE: Record<RuntimeName, string> = {
  bun: `Bun ${PINNED.bun}`,
  deno: `Deno ${PINNED.deno}`,
  miniflare: `Cloudflare Workers (workerd via Miniflare ${PINNED.miniflare})`,
};

const CI = process.env['CI'] === 'true';
const { found, missing } = findRuntimes();
for (const [name, reason] of Object.entries(missing) as [RuntimeName, string][]) {
  if (!CI)
    console.warn(
      `\n!!! ${TITLE[name].toUpperCase()} SUITE SKIPPED: ${reason}.\n!!! Install the pinned runtimes to run it: ${INSTALL_COMMAND}\n`,
    );
}

interface Server {
  /** The server's root URL, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

/** Starts a server script that prints `listening <url>` once it is up. */
async function spawnServer(bin: string, args: string[], env: Record<string, string>): Promise<Server> {
  const child = spawn(bin, args, {
    cwd: SERVERS,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir(), NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // A binary that cannot start emits 'error' and maybe no 'exit'.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${bin} did not listen within ${START_MS} ms:\n${output}`)),
      START_MS,
    );
    const read = (chunk: string) => {
      output += chunk;
      const match = /^listening (\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${bin} exited with ${code}:\n${output}`));
    });
  }).catch(async (err: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw err;
  });
  return {
    url,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
  };
}

/** What the test needs of Miniflare 3, typed here: it is installed outside node_modules, with its types. */
interface Miniflare {
  ready: Promise<URL>;
  dispose(): Promise<void>;
}
type MiniflareClass = new (options: Record<string, unknown>) => Miniflare;

const start: Record<RuntimeName, () => Promise<Server>> = {
  bun: () => spawnServer((found.bun as Binary).bin, ['bun.mjs'], { WXMP_KEYS: KEYS }),
  async deno() {
    // Deno's cache in a scratch dir, and no update check (the machine may have no way out).
    const cache = mkdtempSync(join(tmpdir(), 'wxmp-deno-'));
    const server = await spawnServer(
      (found.deno as Binary).bin,
      ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env=WXMP_KEYS', 'deno.mjs'],
      { WXMP_KEYS: KEYS, DENO_DIR: cache, DENO_NO_UPDATE_CHECK: '1' },
    );
    return {
      url: server.url,
      async close() {
        await server.close();
        rmSync(cache, { recursive: true, force: true });
      },
    };
  },
  async miniflare() {
    const workers = found.miniflare as Workers;
    // A Worker is one script: bundle it as Wrangler would (node: built-ins left to nodejs_compat).
    const bundle = await build({
      entryPoints: [join(SERVERS, 'worker.mjs')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'import'],
      mainFields: ['module', 'main'],
      external: ['node:*'],
      logLevel: 'silent',
    });
    const { Miniflare } = createRequire(workers.entry)(workers.entry) as { Miniflare: MiniflareClass };
    const mf = new Miniflare({
      modules: true,
      script: bundle.outputFiles[0]!.text,
      compatibilityDate: workers.compatibilityDate,
      compatibilityFlags: ['nodejs_compat'],
      bindings: { WXMP_KEYS: KEYS },
      host: '127.0.0.1',
      port: 0,
      // The placeholder `request.cf`, never the download of the real one.
      cf: false,
    });
    const url = await mf.ready;
    return { url: url.href, close: () => mf.dispose() };
  },
};

/**
 * What each runtime does with the 413's `Connection: close` while the sender still owes most of a declared body
 * (docs/adapters.md has the table): whether the header reaches the wire, and whether the socket is then closed.
 */
const ON_413: Record<RuntimeName, { header: boolean; closes: boolean }> = {
  bun: { header: true, closes: true },
  deno: { header: true, closes: false },
  miniflare: { header: false, closes: true },
};

/**
 * Declares a 2 MiB body, sends 1 KiB of it, and resolves with the answer and whether the server closed the socket
 * within `patienceMs` of answering. A close is awaited up to REQUEST_MS; that a socket stays open is watched for
 * 1 s, which a busy machine cannot turn into a failure.
 */
function owedBody(url: string, patienceMs: number): Promise<{ answer: string; closed: boolean }> {
  const { hostname, port, host, pathname, search } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    let settled = false;
    let timer = setTimeout(() => done(false), REQUEST_MS);
    function done(closed: boolean) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, closed });
    }
    socket.write(
      `POST ${pathname}${search} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: text/xml\r\n` +
        `Content-Length: ${2 * 1024 * 1024}\r\n\r\n${' '.repeat(1024)}`,
    );
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      answer += chunk;
      if (!answer.endsWith('body exceeds 131072 bytes')) return;
      clearTimeout(timer);
      timer = setTimeout(() => done(false), patienceMs);
    });
    socket.on('error', () => undefined); // a reset is a close too
    socket.on('close', () => done(true));
  });
}

for (const name of ['bun', 'deno', 'miniflare'] as const) {
  const version = found[name]?.version;
  describe.skipIf(!version && !CI)(`the fetch adapter on ${TITLE[name]}`, () => {
    let server: Server | undefined;
    let wx = '';
    const send = (req: SignedRequest) => fetch(req.url, { ...req, signal: AbortSignal.timeout(REQUEST_MS) });
    const plain: TestKeys = { ...ACCOUNT, mode: 'plain', from: `oFan-${name}` };
    const safe: TestKeys = { ...ACCOUNT, mode: 'safe', from: `oFan-${name}` };

    beforeAll(async () => {
      if (!version)
        throw new Error(`CI must run the ${name} suite: ${missing[name]}; run ${INSTALL_COMMAND}`);
      server = await start[name]();
      wx = `${server.url}wx`;
    }, START_MS + 10_000);

    afterAll(async () => {
      await server?.close();
    });

    it('answers the URL verification with exactly the echostr', async () => {
      const res = await send(signedRequest.verify({ token: ACCOUNT.token, echostr: '8416950346', url: wx }));
      expect(res.status).toBe(200);
      await expect(res.text()).resolves.toBe('8416950346');
    });

    it('echoes a text pushed in plain mode', async () => {
      const content = `你好, ${name}`;
      const res = await send(signedRequest.text(content, { ...plain, url: wx }));
      await expect(readReply(res, plain)).resolves.toEqual({ type: 'text', content });
    });

    it('echoes a text pushed in safe mode, in a signed encrypted envelope', async () => {
      const content = `安全模式, ${name}`;
      const res = await send(signedRequest.text(content, { ...safe, url: wx }));
      const body = await res.text();
      expect(body).toMatch(/<Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt>/);
      expect(body).not.toContain(content);
      // readReply checks MsgSignature and decrypts with the account's key, as WeChat does.
      await expect(readReply({ status: res.status, body }, safe)).resolves.toEqual({ type: 'text', content });
    });

    it('refuses a forged signature with 401, in plain and in safe mode', async () => {
      for (const keys of [plain, safe]) {
        const res = await send(signedRequest.text('forged', { ...keys, token: 'not-the-token', url: wx }));
        expect(res.status).toBe(401);
        await res.body?.cancel();
      }
    });

    it('refuses a body over the limit (128 KiB) with 413, from its Content-Length', async () => {
      const req = signedRequest.text('big', { ...plain, url: wx });
      const res = await send({ ...req, body: `${req.body!}${' '.repeat(128 * 1024)}` });
      expect(res.status).toBe(413);
      await expect(res.text()).resolves.toBe('body exceeds 131072 bytes');
    });

    it('refuses a streamed body (no Content-Length) over the limit with 413', async () => {
      const req = signedRequest.text('big', { ...plain, url: wx });
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        // The limit and one chunk more, sent chunked: only the bytes read can tell the adapter the size.
        pull(controller) {
          if (sent > 128 * 1024) return controller.close();
          controller.enqueue(chunk);
          sent += chunk.byteLength;
        },
      });
      const res = await fetch(req.url, {
        method: 'POST',
        headers: req.headers,
        body,
        duplex: 'half',
        signal: AbortSignal.timeout(REQUEST_MS),
      } as RequestInit);
      expect(res.status).toBe(413);
      await expect(res.text()).resolves.toBe('body exceeds 131072 bytes');
    });

    const { header, closes } = ON_413[name];
    it(`${header ? 'sends' : 'drops'} the 413's Connection: close and ${closes ? 'closes' : 'keeps'} the socket while a declared body is owed`, async () => {
      const { answer, closed } = await owedBody(wx, closes ? REQUEST_MS : 1_000);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(/\r\nconnection: close\r\n/i.test(answer)).toBe(header);
      expect(closed).toBe(closes);
    });
  });
}
