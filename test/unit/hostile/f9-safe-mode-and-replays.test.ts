/**
 * F9: safe mode downgrade and replays. A webhook configured for safe mode accepted the same signed query with the
 * encryption parameters dropped and any plaintext body; one signed plain query carried 50 different forged bodies.
 * Now the configured mode is enforced, and a signed query is accepted with one body only (WeChat's retry repeats
 * it).
 */
import { describe, expect, it } from 'vitest';
import { buildPush, inbound } from '../../../src/push/index.js';
import { FAN, NONCE, TS, keysFor, setup } from '../webhook/support.js';

describe('F9: a safe-mode webhook and a downgraded push', () => {
  it('refuses the signed query without encrypt_type and msg_signature, whatever the plaintext body says', async () => {
    const { webhook, seen } = setup({ messageMode: 'safe' });
    const genuine = buildPush(inbound.text(FAN, 'real'), keysFor('safe'), { timestamp: TS, nonce: NONCE });
    const downgraded = genuine.search.replace(/&encrypt_type=aes&msg_signature=[0-9a-f]+/, '');
    const forged = inbound.text({ from: 'oSomeoneElse', to: FAN.to }, 'forged');
    const res = await webhook.handle({ method: 'POST', url: `/wx${downgraded}`, body: forged });
    expect(res.status).toBe(401);
    expect(res.body).toContain('safe mode');
    expect(seen).toHaveLength(0);
    // The genuine push still goes through.
    expect(
      (await webhook.handle({ method: 'POST', url: `/wx${genuine.search}`, body: genuine.body })).status,
    ).toBe(200);
    expect(seen.map((m) => m.fromUserName)).toEqual([FAN.from]);
  });
});

describe('F9: one signed plain query, many bodies', () => {
  it('accepts the first body and its retries, and refuses 49 forged ones', async () => {
    const { webhook, seen } = setup({ messageMode: 'plain' });
    const push = buildPush(inbound.text(FAN, 'real', '1001'), keysFor('plain'), {
      timestamp: TS,
      nonce: NONCE,
    });
    const url = `/wx${push.search}`;
    expect((await webhook.handle({ method: 'POST', url, body: push.body })).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 49; i++) {
      const forged = inbound.text({ from: `oForged${i}`, to: FAN.to }, `forged ${i}`, String(2000 + i));
      statuses.push((await webhook.handle({ method: 'POST', url, body: forged })).status);
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
    // WeChat's retry repeats the body: answered again, the handler not run twice.
    expect((await webhook.handle({ method: 'POST', url, body: push.body })).status).toBe(200);
    expect(seen.map((m) => m.fromUserName)).toEqual([FAN.from]);
  });
});
