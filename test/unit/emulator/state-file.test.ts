import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resolveAccount } from '../../../src/emulator/app.js';
import { CHAT_FORMAT } from '../../../src/emulator/chat-entry.js';
import { loadStateFile, saveStateOnChange } from '../../../src/emulator/state-file.js';
import { EmulatorState } from '../../../src/emulator/state.js';
import type { Logger } from '../../../src/logger.js';

const dir = mkdtempSync(join(tmpdir(), 'wxmp-state-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const newState = () => new EmulatorState({ account: resolveAccount() });
const saved = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const nextSave = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('saveStateOnChange', () => {
  it('writes at once, then after a change that only the platform announces (no timer polls)', async () => {
    const file = join(dir, 'modified.json');
    const state = newState();
    const saver = saveStateOnChange(state, file, { delayMs: 0 });
    expect(saved(file)).toMatchObject({ platform: {}, chatFormat: CHAT_FORMAT });
    state.slot('tokens', () => ({ issued: ['t1'] }));
    await nextSave();
    // Nothing announced the token: the file waits for the announcement.
    expect(saved(file)['platform']).toEqual({});
    state.markModified();
    await nextSave();
    expect(saved(file)['platform']).toEqual({ tokens: { issued: ['t1'] } });
    saver.close();
  });

  it('stops following the state once closed, after writing what is pending', () => {
    const file = join(dir, 'closed.json');
    const state = newState();
    const saver = saveStateOnChange(state, file, { delayMs: 60_000 });
    state.clockOffsetMs = 5000;
    state.markModified();
    saver.close();
    expect(saved(file)['clockOffsetMs']).toBe(5000);
    expect(state.listenerCount('modified')).toBe(0);
  });

  it('fails at start, with the fix, when the file cannot be written', () => {
    expect(() => saveStateOnChange(newState(), join(dir, 'missing', 'state.json'))).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        hint: expect.stringContaining('--state') as unknown,
      }),
    );
  });

  it('logs a later save that fails, and keeps going', async () => {
    const folder = join(dir, 'goes-away');
    mkdirSync(folder);
    const state = newState();
    const warn = vi.fn();
    const saver = saveStateOnChange(state, join(folder, 'state.json'), {
      delayMs: 0,
      logger: { warn } as unknown as Logger,
    });
    rmSync(folder, { recursive: true });
    state.clockOffsetMs = 1000;
    state.markModified();
    await nextSave();
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ file: join(folder, 'state.json') }),
      'emulator state could not be saved',
    );
    mkdirSync(folder);
    saver.close();
    expect(saved(join(folder, 'state.json'))).toMatchObject({ chatFormat: CHAT_FORMAT });
  });
});

describe('loadStateFile', () => {
  it('reads what was saved', () => {
    const file = join(dir, 'round-trip.json');
    const first = newState();
    first.tags.set(100, { id: 100, name: 'vip' });
    saveStateOnChange(first, file).close();
    const second = newState();
    loadStateFile(second, file);
    expect(second.tags.get(100)).toEqual({ id: 100, name: 'vip' });
  });

  it('refuses a file that is not the emulator state, with the fix', () => {
    const file = join(dir, 'garbage.json');
    writeFileSync(file, 'not json');
    expect(() => loadStateFile(newState(), file)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
