/**
 * A store in one JSON file, so a restarted process reuses its token instead of spending quota on a new one.
 *
 * Writes are atomic (a temporary file in the same directory, then `rename`), so a crash mid-write leaves the previous
 * file intact; the file is created with mode 0600 because it holds credentials. The file is read once, then served
 * from memory: it is for one process. Processes that share tokens should share Redis instead.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TokenRecord, TokenStore } from '../store.js';

/**
 * Options of {@link createFileStore}.
 */
export interface FileStoreOptions {
  /** The JSON file; its directory is created (mode 0700) when missing. */
  path: string;
}

/**
 * Creates a store backed by one JSON file.
 *
 * @example
 * ```ts
 * import { createTokenManager } from 'wxmp/token';
 * const manager = createTokenManager({
 *   appId: 'wx1234567890abcdef',
 *   appSecret: process.env.WECHAT_APPSECRET!,
 *   store: createFileStore({ path: '.wxmp/tokens.json' }),
 * });
 * ```
 */
export function createFileStore(options: FileStoreOptions): TokenStore {
  const { path } = options;
  let loaded: Promise<Map<string, TokenRecord>> | undefined;
  // Writes run one after another, each writing the whole map, so the last write always holds every key.
  let writing: Promise<void> = Promise.resolve();

  const records = (): Promise<Map<string, TokenRecord>> =>
    (loaded ??= load(path).catch((err: unknown) => {
      loaded = undefined; // an unreadable file (permissions, a full disk) may be fixed; try again next time
      throw err;
    }));

  const persist = async (map: Map<string, TokenRecord>): Promise<void> => {
    const body = JSON.stringify(Object.fromEntries(map));
    const next = writing.then(() => writeAtomically(path, body));
    // The chain must survive one failed write; the failure still reaches this caller below.
    writing = next.catch(() => {});
    return next;
  };

  return {
    async get(key) {
      return (await records()).get(key);
    },
    async set(key, record) {
      const map = await records();
      map.set(key, { value: record.value, expiresAt: record.expiresAt, fetchedAt: record.fetchedAt });
      await persist(map);
    },
    async deleteIf(key, value) {
      const map = await records();
      if (map.get(key)?.value !== value) return false;
      map.delete(key);
      await persist(map);
      return true;
    },
    async close() {
      await writing;
    },
  };
}

async function load(path: string): Promise<Map<string, TokenRecord>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  const map = new Map<string, TokenRecord>();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // A cache that cannot be read is only a cache: start empty and overwrite it on the next write.
    return map;
  }
  if (typeof data !== 'object' || data === null) return map;
  for (const [key, raw] of Object.entries(data as Record<string, unknown>)) {
    if (isRecord(raw)) map.set(key, { value: raw.value, expiresAt: raw.expiresAt, fetchedAt: raw.fetchedAt });
  }
  return map;
}

function isRecord(raw: unknown): raw is TokenRecord {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Record<string, unknown>;
  return (
    typeof r['value'] === 'string' && typeof r['expiresAt'] === 'number' && typeof r['fetchedAt'] === 'number'
  );
}

async function writeAtomically(path: string, body: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(body);
      await file.sync(); // on disk before the rename makes it visible, so a power cut cannot leave an empty file
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}
