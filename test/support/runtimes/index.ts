/**
 * The Bun, Deno and Miniflare that install.mjs put in $WXMP_RUNTIMES_DIR, read from its runtimes.json and checked
 * against the versions pinned in versions.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const CHOSEN = process.env['WXMP_RUNTIMES_DIR'];
/** Where the installer puts the runtimes (the same rule as install.mjs). */
export const RUNTIMES_DIR = resolve(ROOT, CHOSEN || 'node_modules/.cache/wxmp-runtimes');
/** The installer, run from the repository root (with the same WXMP_RUNTIMES_DIR, if one is set). */
export const INSTALL_COMMAND = `${CHOSEN ? `WXMP_RUNTIMES_DIR=${CHOSEN} ` : ''}node test/support/runtimes/install.mjs`;

export interface Binary {
  version: string;
  bin: string;
}

export interface Workers {
  version: string;
  /** Miniflare's CommonJS entry, to `require`. */
  entry: string;
  workerd: string;
  /** The newest compatibility date this workerd supports. */
  compatibilityDate: string;
}

export interface Runtimes {
  bun: Binary;
  deno: Binary;
  miniflare: Workers;
}

export type RuntimeName = keyof Runtimes;

/** The versions versions.json pins. */
export const PINNED = JSON.parse(readFileSync(new URL('versions.json', import.meta.url), 'utf8')) as Record<
  RuntimeName,
  string
>;

/** The runtimes installed at their pinned version, and why each of the others cannot be used. */
export function findRuntimes(): { found: Partial<Runtimes>; missing: Partial<Record<RuntimeName, string>> } {
  let manifest: Partial<Runtimes> = {};
  try {
    manifest = JSON.parse(readFileSync(resolve(RUNTIMES_DIR, 'runtimes.json'), 'utf8')) as Partial<Runtimes>;
  } catch {
    // Not installed: every runtime is missing.
  }
  const found: Partial<Runtimes> = {};
  const missing: Partial<Record<RuntimeName, string>> = {};
  const check = <R extends RuntimeName>(name: R, binary: (installed: Runtimes[R]) => string) => {
    const installed = manifest[name] as Runtimes[R] | undefined;
    if (!installed) missing[name] = `${name} ${PINNED[name]} is not installed in ${RUNTIMES_DIR}`;
    else if (installed.version !== PINNED[name])
      missing[name] =
        `${name} ${installed.version} is installed in ${RUNTIMES_DIR}, the pin is ${PINNED[name]}`;
    else if (!existsSync(binary(installed))) missing[name] = `${binary(installed)} is gone`;
    else found[name] = installed;
  };
  check('bun', (r) => r.bin);
  check('deno', (r) => r.bin);
  check('miniflare', (r) => r.workerd);
  return { found, missing };
}
