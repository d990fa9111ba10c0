import { describe, expect, it } from 'vitest';
import { computeSignature } from '../../../src/crypto/signature.js';
import type { Logger } from '../../../src/logger.js';
import { buildPush, inbound } from '../../../src/push/index.js';
import { createEchoBot } from '../../../src/examples/echo.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import { eventSamples, messageSamples } from '../../fixtures/messages.js';

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '<',
  '>',
  '</',
  '/>',
  '<![CDATA[',
  ']]>',
  '&',
  '&amp;',
  '&#0;',
  '&#x110000;',
  '<!DOCTYPE x>',
  '<!ENTITY',
  '<?x?>',
  '<!--',
  '-->',
  '"',
  "'",
  '\u0000',
  '\uD800',
  '😀',
  '<xml>',
  '</xml>',
  '<Encrypt>',
  '<a b="c>">',
  ' ',
];

/** Mutates a document: deletes, duplicates or inserts markup fragments at random places. */
function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const op = random();
    if (op < 0.3) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 20));
    else if (op < 0.6) out = out.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)]! + out.slice(at);
    else out = out.slice(0, at) + out.slice(Math.floor(random() * out.length), at) + out.slice(at);
  }
  return out;
}

describe('hostile input', () => {
  const errors: object[] = [];
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (obj) => void errors.push(obj) };
  const ts = String(Math.floor(Date.now() / 1000));
  const query = `signature=${computeSignature('AAAAA', ts, '1')}&timestamp=${ts}&nonce=1`;
  const keys = {
    token: 'AAAAA',
    appId: 'wxba5fad812f8e6fb9',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  };
  // One signed query carries every mutated body here (the parser is under test), so the replay guard, which would
  // refuse all bodies after the first, is off; test/unit/webhook/replay-guard.test.ts tests it.
  const webhook = createWebhook(createEchoBot(), { ...keys, logger, dedup: false, replayGuard: false });
  const samples = [...Object.values(messageSamples), ...Object.values(eventSamples)];

  it('3,000 mutated, correctly signed pushes are answered 200 or 400; none throws or logs an error', async () => {
    const random = prng(20261121);
    const statuses = new Set<number>();
    for (let i = 0; i < 3000; i++) {
      const body = mutate(samples[i % samples.length]!, random);
      const res = await webhook.handle({ method: 'POST', url: `/wx?${query}`, body });
      statuses.add(res.status);
      expect([200, 400], body).toContain(res.status);
    }
    expect(statuses).toEqual(new Set([200, 400]));
    expect(errors).toEqual([]);
  });

  it('mutated Encrypt values in safe mode are refused with 400/401, never a crash', async () => {
    const random = prng(7);
    for (let i = 0; i < 500; i++) {
      const push = buildPush(
        inbound.text({ to: 'gh_1', from: 'oFan' }, `m${i}`),
        { ...keys, mode: 'safe' },
        { timestamp: ts, nonce: '1' },
      );
      const body = mutate(push.body, random);
      const res = await webhook.handle({ method: 'POST', url: `/wx${push.search}`, body });
      expect([200, 400, 401], body).toContain(res.status);
    }
    expect(errors).toEqual([]);
  });

  it('random bytes as a body are refused with 400', async () => {
    const random = prng(99);
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 2000) }, () =>
        Math.floor(random() * 256),
      );
      const res = await webhook.handle({ method: 'POST', url: `/wx?${query}`, body: bytes });
      expect(res.status).toBe(400);
    }
  });
});
