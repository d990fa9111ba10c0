/**
 * One time bucket of `MemoryDedup` (`dedup.ts`): keys and answers as bytes in one preallocated buffer, found
 * through an index of integers. The hot path of every push with dedup on: no object per entry, no copy of a key
 * unless it is likely a retry.
 * @module
 */
/** Record header: answer length (u32), key length (u32), attempts (u8). */
const HEADER = 9;
/**
 * Bytes of the index per slot (hash, offset + 1); the index keeps at most 3/4 of its slots used.
 *
 * @example
 * ```ts
 * new Generation(1024 * 1024, 4096); // 4096 slots: 32 KiB of index
 * SLOT_BYTES * 4096; // 32768
 * ```
 */
export const SLOT_BYTES = 8;

/**
 * 32-bit FNV-1a over the UTF-16 code units of `key`.
 *
 * @example
 * ```ts
 * hashKey('msg:42') === hashKey('msg:42'); // true
 * ```
 */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * One time bucket: keys and answers packed into one buffer, found through an open-addressing index of
 * (hash, offset) pairs. Nothing in it is a JS object per entry, so the garbage collector never walks it.
 *
 * @example
 * ```ts
 * const bucket = new Generation(64 * 1024, 64);
 * bucket.add('msg:42', hashKey('msg:42'), 'success', 1); // true
 * bucket.hit(bucket.find('msg:42', hashKey('msg:42'))); // { answer: 'success', attempt: 2 }
 * ```
 */
export class Generation {
  startedAt = 0;
  entries = 0;
  /** Bytes written to `data`. */
  used = 0;
  private data: Buffer | undefined;
  private index: Int32Array | undefined;

  constructor(
    private readonly dataBytes: number,
    private readonly slots: number,
  ) {}

  /** Empties it; the buffers stay for the next entries (no allocation at each rotation). */
  clear(startedAt: number): void {
    if (this.entries > 0) this.index!.fill(0);
    this.entries = 0;
    this.used = 0;
    this.startedAt = startedAt;
  }

  /** The record offset of `key`, or -1. */
  find(key: string, hash: number): number {
    if (this.entries === 0) return -1;
    const index = this.index!;
    const mask = this.slots - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = index[slot * 2 + 1]!;
      if (stored === 0) return -1;
      // A hash collision is told apart by the key bytes (only ever read here, so only on a likely retry).
      if (index[slot * 2] === hash && this.keyAt(stored - 1) === key) return stored - 1;
    }
  }

  /** Stores `answer` under `key`; false when the buffer or the index is full. */
  add(key: string, hash: number, answer: string, attempts: number): boolean {
    if (this.entries >= (this.slots * 3) / 4) return false;
    const keyBytes = Buffer.byteLength(key);
    const answerBytes = Buffer.byteLength(answer);
    const at = this.used;
    if (at + HEADER + keyBytes + answerBytes > this.dataBytes) return false;
    // Allocated on first use: an idle webhook costs nothing. allocUnsafeSlow: no zero-fill (pages not yet written
    // stay out of RSS), memory of its own. Buffers that started at 64 KiB and doubled raised the bench's peak RSS
    // from 96 / 90 to 116 / 110 MB (plain / safe): each outgrown buffer lived on until a GC.
    const data = (this.data ??= Buffer.allocUnsafeSlow(this.dataBytes));
    const index = (this.index ??= new Int32Array(this.slots * 2));
    data.writeUInt32LE(answerBytes, at);
    data.writeUInt32LE(keyBytes, at + 4);
    data[at + 8] = Math.min(attempts, 255);
    data.write(key, at + HEADER, 'utf8');
    data.write(answer, at + HEADER + keyBytes, 'utf8');
    this.used = at + HEADER + keyBytes + answerBytes;
    const mask = this.slots - 1;
    let slot = hash & mask;
    while (index[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
    index[slot * 2] = hash;
    index[slot * 2 + 1] = at + 1;
    this.entries++;
    return true;
  }

  /** Counts one more attempt at `at` and returns the count and the answer. */
  hit(at: number): { answer: string; attempt: number } {
    const data = this.data!;
    const attempt = Math.min(data[at + 8]! + 1, 255);
    data[at + 8] = attempt;
    const answerStart = at + HEADER + data.readUInt32LE(at + 4);
    return { answer: data.toString('utf8', answerStart, answerStart + data.readUInt32LE(at)), attempt };
  }

  private keyAt(at: number): string {
    const data = this.data!;
    return data.toString('utf8', at + HEADER, at + HEADER + data.readUInt32LE(at + 4));
  }
}
