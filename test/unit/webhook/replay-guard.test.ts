import { describe, expect, it } from 'vitest';
import { ReplayGuard } from '../../../src/webhook/replay-guard.js';

const SIG = 'f464b24fc39322e44b38aa78f5edd27bd1441696';
/** Signatures with the same first 32 bits (so the same probe sequence) that differ in the next 32. */
const sig = (i: number) => `00000000${i.toString(16).padStart(8, '0')}${'0'.repeat(24)}`;

describe('ReplayGuard', () => {
  it('accepts a signature with its first body and that body again, and refuses another body', () => {
    const guard = new ReplayGuard({ maxEntries: 16 });
    expect(guard.admit(SIG, '<xml>a</xml>', 1300, 1000)).toBe(true);
    expect(guard.admit(SIG, Buffer.from('<xml>a</xml>'), 1300, 1001)).toBe(true);
    expect(guard.admit(SIG, '<xml>b</xml>', 1300, 1002)).toBe(false);
    expect(guard.admit(SIG.toUpperCase(), '<xml>b</xml>', 1300, 1002)).toBe(false);
  });

  it('forgets a signature once its timestamp has left the window', () => {
    const guard = new ReplayGuard({ maxEntries: 16 });
    guard.admit(SIG, 'a', 1300, 1000);
    expect(guard.admit(SIG, 'b', 1600, 1300)).toBe(true);
  });

  it('keeps a fixed size: when every probed slot is live, the one expiring first is overwritten and counted', () => {
    const guard = new ReplayGuard({ maxEntries: 8 });
    expect(guard.size).toBe(8);
    for (let i = 0; i < 8; i++) expect(guard.admit(sig(i), 'x', 2000 + i, 1000)).toBe(true);
    expect(guard.overwritten).toBe(0);
    expect(guard.admit(sig(100), 'x', 3000, 1000)).toBe(true);
    expect(guard.overwritten).toBe(1);
    // sig(0) expired first and was overwritten: its next body is accepted again (the guard's limit, by design).
    expect(guard.admit(sig(0), 'other', 3000, 1000)).toBe(true);
    expect(guard.admit(sig(7), 'other', 3000, 1000)).toBe(false);
  });

  it('rounds the table up to a power of two', () => {
    expect(new ReplayGuard({ maxEntries: 1000 }).size).toBe(1024);
  });
});
