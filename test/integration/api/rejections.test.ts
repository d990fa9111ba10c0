/**
 * Client methods that check their input before calling WeChat return a rejected promise for bad input; they never
 * throw at the call site, so `client.menu.create(bad).catch(…)` handles every failure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WeChatClient } from '../../../src/api/client.js';
import { startEmulatedClient } from '../../support/emulated-client.js';
import type { EmulatedWeChat } from '../../support/emulated-wechat.js';

let wechat: EmulatedWeChat | undefined;
afterEach(() => wechat?.close());

const TOO_LONG = { button: [{ type: 'click' as const, name: '一二三四五六', key: 'K' }] };
const VALID = { button: [{ type: 'click' as const, name: 'a', key: 'k' }] };

const cases: readonly [string, string, (client: WeChatClient) => Promise<unknown>][] = [
  ['menu.create', 'REQUEST_INVALID', (c) => c.menu.create(TOO_LONG)],
  ['menu.addConditional', 'REQUEST_INVALID', (c) => c.menu.addConditional({ ...VALID, matchrule: {} })],
  ['qrcode.temporary (scene)', 'REQUEST_INVALID', (c) => c.qrcode.temporary(0, 60)],
  ['qrcode.temporary (lifetime)', 'REQUEST_INVALID', (c) => c.qrcode.temporary('x', 2_592_001)],
  ['qrcode.permanent', 'REQUEST_INVALID', (c) => c.qrcode.permanent('x'.repeat(65))],
  ['misc.clearQuota without an AppID', 'CONFIG_INVALID', (c) => c.misc.clearQuota('')],
];

describe('input checks reject the promise', () => {
  it.each(cases)('%s rejects with %s and does not throw', async (_name, code, invoke) => {
    let client: WeChatClient;
    ({ wechat, client } = startEmulatedClient());
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = invoke(client);
    }).not.toThrow();
    await expect(promise).rejects.toMatchObject({ code });
    // `.catch` on the returned value is enough to handle the failure.
    await expect(invoke(client).catch((err: unknown) => (err as { code: string }).code)).resolves.toBe(code);
    expect(wechat.requests).toHaveLength(0);
  });
});
