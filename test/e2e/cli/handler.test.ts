import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNT, runCli, startServe, type Served } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wxmp-handler-'));
const dist = new URL('../../../dist/index.js', import.meta.url).href;
const served: Served[] = [];
afterAll(() => Promise.all(served.map((s) => s.stop())));

function handlerFile(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

describe('wxmp serve --handler FILE', () => {
  it('runs a module whose default export is a Router', async () => {
    const file = handlerFile(
      'router.mjs',
      `import { Router, reply } from ${JSON.stringify(dist)};\n` +
        `const bot = new Router();\nbot.on('text', (ctx) => reply.text('router: ' + ctx.message.content));\nexport default bot;\n`,
    );
    const server = await startServe(['--handler', file], ACCOUNT);
    served.push(server);
    const r = await runCli(['send', 'text', 'hi', '--url', server.url], { env: ACCOUNT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('text "router: hi"');
  });

  it('runs a module whose default export is a middleware function', async () => {
    const file = handlerFile('middleware.mjs', `export default (ctx) => 'fn: ' + ctx.message.type;\n`);
    const server = await startServe(['--handler', file], ACCOUNT);
    served.push(server);
    const r = await runCli(['send', 'event', 'CLICK', '--key', 'K', '--url', server.url], { env: ACCOUNT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('text "fn: event"');
  });

  it('a module without a usable default export: exit 2 with one line', async () => {
    const file = handlerFile('nothing.mjs', 'export const x = 1;\n');
    const r = await runCli(['serve', '--handler', file, '--port', '0'], { env: ACCOUNT });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('must export default a Router or a middleware function');
  });
});
