/**
 * What the browser suites share: Debian's chromium at /usr/bin/chromium (never downloaded; a suite is skipped
 * loudly without it, except under CI=true, where it must run), launched headless, and a call to the emulated
 * platform API as the developer's server makes it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { DevServer } from '../../../src/emulator/dev.js';

const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser suites can run here; says so loudly when they cannot. */
export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable) {
  if (process.env['CI'] === 'true')
    throw new Error(`the browser suite needs ${CHROMIUM} in CI (apt-get install -y chromium)`);
  console.warn(
    `\n!!! BROWSER SUITE SKIPPED: ${CHROMIUM} is missing.\n!!! Install Debian's chromium (apt-get install -y chromium) to run it.\n`,
  );
}

/** Headless chromium, quiet: no background networking, sync or updates. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Calls the emulated platform API as the developer's server would, with a fresh access_token. */
export async function platformCall(
  dev: DevServer,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const { appId, appSecret } = dev.emulator.state.account;
  const token = (await (
    await fetch(`${dev.url}cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`)
  ).json()) as { access_token: string };
  const res = await fetch(`${dev.url}${path.slice(1)}?access_token=${token.access_token}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}
