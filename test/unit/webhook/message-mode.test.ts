import { describe, expect, it } from 'vitest';
import { Router } from '../../../src/webhook/router.js';
import { resolveSettings } from '../../../src/webhook/settings.js';
import { FAN, TOKEN, pushRequest, setup, thrownBy } from './support.js';
import { inbound } from '../../../src/push/index.js';

const dropEncryption = (url: string) => url.replace(/&encrypt_type=aes&msg_signature=[0-9a-f]+/, '');

describe('messageMode', () => {
  it('safe: reads the ciphertext; refuses a push without encrypt_type and msg_signature', async () => {
    const { webhook, seen } = setup({ messageMode: 'safe' });
    expect((await webhook.handle(pushRequest('safe'))).status).toBe(200);
    expect((await webhook.handle(pushRequest('compatible'))).status).toBe(200);
    const plain = pushRequest('plain');
    const refused = await webhook.handle(plain);
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('safe mode');
    expect(seen).toHaveLength(2);
  });

  it('compatible with a key: reads the ciphertext, never the plaintext copy alone', async () => {
    const { webhook, seen } = setup({ messageMode: 'compatible' });
    const push = pushRequest('compatible', inbound.text(FAN, 'sealed'));
    expect((await webhook.handle(push)).status).toBe(200);
    const downgraded = { ...push, url: dropEncryption(push.url) };
    expect((await webhook.handle(downgraded)).status).toBe(401);
    expect(seen.map((m) => (m.type === 'text' ? m.content : m.type))).toEqual(['sealed']);
  });

  it('compatible without a key: reads the plaintext copy after the signature check', async () => {
    const { webhook } = setup({ messageMode: 'compatible', encodingAESKey: undefined, appId: undefined });
    expect((await webhook.handle(pushRequest('compatible'))).status).toBe(200);
  });

  it('plain: refuses encrypted pushes', async () => {
    const { webhook, seen } = setup({ messageMode: 'plain' });
    expect((await webhook.handle(pushRequest('plain'))).status).toBe(200);
    for (const mode of ['compatible', 'safe'] as const) {
      const refused = await webhook.handle(pushRequest(mode));
      expect(refused.status).toBe(401);
      expect(refused.body).toContain('plain mode');
    }
    expect(seen).toHaveLength(1);
  });

  it('unset: each push is read in its own mode, as before', async () => {
    const { webhook } = setup();
    for (const mode of ['plain', 'compatible', 'safe'] as const)
      expect((await webhook.handle(pushRequest(mode))).status).toBe(200);
  });

  it('safe without an EncodingAESKey, or an unknown mode, is a config error', () => {
    expect(
      thrownBy(() => resolveSettings(new Router(), { token: TOKEN, messageMode: 'safe' })),
    ).toMatchObject({
      code: 'CONFIG_INVALID',
    });
    const unknown = { token: TOKEN, messageMode: 'secure' as 'safe' };
    expect(thrownBy(() => resolveSettings(new Router(), unknown))).toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
