import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WeChatError } from '../../../src/errors.js';
import {
  clientKeyMatcher,
  keyIdOf,
  MIN_CLIENT_KEY_LENGTH,
  parseClientKeys,
} from '../../../src/services/client-keys.js';

describe('client keys', () => {
  it('compares client keys by digest, accepting each configured key and nothing else', () => {
    const isKey = clientKeyMatcher(['key-one-0123456789', 'key-two-0123456789']);
    expect(isKey('key-one-0123456789')).toBe(true);
    expect(isKey('key-two-0123456789')).toBe(true);
    expect(isKey('key-one-012345678')).toBe(false);
    expect(isKey('')).toBe(false);
  });

  it('keyIdOf is the first 8 hex digits of the SHA-256, never the key', () => {
    const key = 'service-a-0123456789';
    expect(keyIdOf(key)).toBe(createHash('sha256').update(key).digest('hex').slice(0, 8));
    expect(keyIdOf(key)).toMatch(/^[0-9a-f]{8}$/);
    expect(keyIdOf('service-b-0123456789')).not.toBe(keyIdOf(key));
  });

  it('parseClientKeys splits on commas and trims', () => {
    expect(parseClientKeys(' service-a-0123456789 ,, service-b-0123456789,')).toEqual([
      'service-a-0123456789',
      'service-b-0123456789',
    ]);
  });

  it.each([
    [undefined, 'is required'],
    [' , ', 'is required'],
    ['x'.repeat(MIN_CLIENT_KEY_LENGTH - 1), `shorter than ${MIN_CLIENT_KEY_LENGTH} characters`],
  ])('parseClientKeys(%j) fails with one line naming WXMP_CLIENT_KEYS', (raw, reason) => {
    let err: WeChatError | undefined;
    try {
      parseClientKeys(raw);
    } catch (e) {
      err = e as WeChatError;
    }
    expect(err?.code).toBe('CONFIG_INVALID');
    expect(err?.message.startsWith('WXMP_CLIENT_KEYS')).toBe(true);
    expect(err?.message).toContain(reason);
    expect(err?.message).not.toContain('\n');
  });
});
