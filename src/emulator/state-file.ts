/**
 * The `--state` file: the world loaded from JSON at start, and saved again whenever it changes. The state announces
 * every change (`chat`, `push`, `change`, `typing`, `modified`); a save follows half a second after the first of a
 * burst, so a busy chat writes twice a second at most, and only when the snapshot differs from the last one written.
 * @module
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { WeChatError } from '../errors.js';
import type { Logger } from '../logger.js';
import { upgradeSavedChats } from './saved-chats.js';
import type { EmulatorState, StateEvents } from './state.js';

/** How long a save waits after a change, so that a burst of changes is written once. */
export const SAVE_DELAY_MS = 500;

/** The events after which the file is saved: every event of the state. */
const SAVED_ON: readonly (keyof StateEvents)[] = ['chat', 'push', 'change', 'typing', 'modified'];

/**
 * Loads the world from `file` when it exists; a file that is not the emulator's state fails with how to fix it.
 *
 * @example
 * ```ts
 * loadStateFile(state, '.wxmp-state.json');
 * ```
 */
export function loadStateFile(state: EmulatorState, file: string): void {
  if (!existsSync(file)) return;
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    state.load(upgradeSavedChats(snapshot));
  } catch (err) {
    throw new WeChatError('CONFIG_INVALID', `The state file ${file} cannot be read as the emulator's state`, {
      hint: 'Delete it (the emulator starts afresh), or pass --state with another file',
      cause: err,
    });
  }
}

/** A state file kept up to date. */
export interface StateFileSaver {
  /** Stops following changes and writes what is pending (throws when the file cannot be written). */
  close(): void;
}

/** Writes the snapshot when it differs from `previous`; returns what the file now holds. */
function writeSnapshot(state: EmulatorState, file: string, previous: string): string {
  const text = JSON.stringify(state);
  if (text === previous) return text;
  // Write then rename, so a crash mid-write never leaves half a file.
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  return text;
}

/**
 * Writes the world to `file` now, then again after every change. The first write fails at once (with the fix) when
 * the file cannot be written; a later failure is logged and retried on the next change, never thrown.
 *
 * @example
 * ```ts
 * const saver = saveStateOnChange(state, '.wxmp-state.json', { logger });
 * // … later
 * saver.close();
 * ```
 */
export function saveStateOnChange(
  state: EmulatorState,
  file: string,
  options: { logger?: Logger | undefined; delayMs?: number } = {},
): StateFileSaver {
  let written = '';
  try {
    written = writeSnapshot(state, file, written);
  } catch (err) {
    throw new WeChatError('CONFIG_INVALID', `The state file ${file} cannot be written`, {
      hint: 'Pass --state with a file in a folder that exists and that you may write to',
      cause: err,
    });
  }
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    timer = undefined;
    try {
      written = writeSnapshot(state, file, written);
    } catch (err) {
      // The folder went away or filled up: keep emulating, say so, try again on the next change.
      options.logger?.warn({ err, file }, 'emulator state could not be saved');
    }
  };
  const schedule = () => {
    if (timer) return;
    // A pending save must not keep a CLI or a test process alive.
    timer = setTimeout(save, options.delayMs ?? SAVE_DELAY_MS).unref();
  };
  for (const event of SAVED_ON) state.on(event, schedule);
  return {
    close() {
      for (const event of SAVED_ON) state.off(event, schedule);
      if (timer) clearTimeout(timer);
      timer = undefined;
      written = writeSnapshot(state, file, written);
    },
  };
}
