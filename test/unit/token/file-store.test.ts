import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenManager } from '../../../src/token/manager.js';
import { createFileStore } from '../../../src/token/stores/file.js';
import { createEmulatedWeChat } from '../../support/emulated-wechat.js';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wxmp-token-'));
  path = join(dir, 'nested', 'tokens.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (value: string) => ({ value, expiresAt: 2_000_000_000_000, fetchedAt: 1_700_000_000_000 });

describe('file store', () => {
  it('a new store on the same file reads the token back (it survives a restart)', async () => {
    const first = createFileStore({ path });
    await first.set('wx:access_token', record('T1'), 1000);
    await first.close!();
    const second = createFileStore({ path });
    expect(await second.get('wx:access_token')).toEqual(record('T1'));
  });

  it('creates the file with mode 0600', async () => {
    const store = createFileStore({ path });
    await store.set('k', record('T1'), 1000);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('writes through a temporary file and rename: no temporary files stay behind', async () => {
    const store = createFileStore({ path });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, record(`T${i}`), 1000)));
    expect(await readdir(join(dir, 'nested'))).toEqual(['tokens.json']);
    // Serialized whole-map writes: the last file holds every key.
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')) as object)).toHaveLength(20);
  });

  it('readers never see a partial file while writes run', async () => {
    const store = createFileStore({ path });
    await store.set('k', record('seed'), 1000);
    const big = 'x'.repeat(256 * 1024);
    const writes = Promise.all(
      Array.from({ length: 30 }, (_, i) => store.set('k', record(`${big}${i}`), 1000)),
    );
    let reads = 0;
    let done = false;
    void writes.then(() => (done = true));
    while (!done) {
      const text = await readFile(path, 'utf8');
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      reads++;
    }
    await writes;
    expect(reads).toBeGreaterThan(0);
  });

  it('a temporary file left by a crashed write does not disturb the previous contents', async () => {
    const store = createFileStore({ path });
    await store.set('k', record('GOOD'), 1000);
    await writeFile(`${path}.999.deadbeef.tmp`, '{"k":{"value":"HALF');
    expect((await createFileStore({ path }).get('k'))?.value).toBe('GOOD');
  });

  it('an unreadable file counts as empty and is replaced on the next write', async () => {
    await createFileStore({ path }).set('k', record('T'), 1000);
    await writeFile(path, 'not json');
    const store = createFileStore({ path });
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', record('T2'), 1000);
    expect((await createFileStore({ path }).get('k'))?.value).toBe('T2');
  });

  it('deleteIf removes only the exact value, on disk too', async () => {
    const store = createFileStore({ path });
    await store.set('k', record('FRESH'), 1000);
    expect(await store.deleteIf('k', 'STALE')).toBe(false);
    expect((await createFileStore({ path }).get('k'))?.value).toBe('FRESH');
    expect(await store.deleteIf('k', 'FRESH')).toBe(true);
    expect(await createFileStore({ path }).get('k')).toBeUndefined();
  });

  it('a restarted manager reuses the stored token without calling WeChat', async () => {
    const wechat = createEmulatedWeChat({ frozenAt: 1_700_000_000_000 });
    const { clock } = wechat;
    const options = {
      appId: wechat.appId,
      appSecret: wechat.appSecret,
      mode: 'classic' as const,
      fetch: wechat.fetch,
      now: clock.now,
    };
    const first = createTokenManager({ ...options, store: createFileStore({ path }) });
    const token = await first.getToken();
    await first.close();
    clock.advance(60_000);
    const second = createTokenManager({ ...options, store: createFileStore({ path }) });
    expect(await second.getToken()).toBe(token);
    expect(await wechat.calls('token.get')).toBe(1);
    await second.close();
    await wechat.close();
  });
});
