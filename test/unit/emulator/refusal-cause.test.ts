import { describe, expect, it } from 'vitest';
import { refusalCause } from '../../../src/emulator/refusal-cause.js';

describe('refusalCause', () => {
  it('names the setting behind each refusal of wxmp’s webhook', () => {
    expect(refusalCause(401, 'invalid signature')).toBe(
      "your server's WECHAT_TOKEN differs from the emulator's: Settings → Token",
    );
    expect(refusalCause(401, 'invalid msg_signature')).toContain('WECHAT_TOKEN');
    expect(refusalCause(401, 'missing or invalid timestamp')).toContain('clock');
    expect(refusalCause(400, 'the encrypted message belongs to another AppID (wx1)')).toContain(
      'WECHAT_APPID',
    );
    expect(refusalCause(400, 'Encrypt has invalid padding (wrong EncodingAESKey?)')).toContain(
      'WECHAT_ENCODING_AES_KEY differs',
    );
    expect(
      refusalCause(
        500,
        'an encrypted push arrived but no EncodingAESKey is configured (set WECHAT_ENCODING_AES_KEY)',
      ),
    ).toContain('has no WECHAT_ENCODING_AES_KEY');
    expect(refusalCause(404, 'not found')).toContain('webhook URL');
  });
  it('says nothing it cannot know', () => {
    expect(refusalCause(500, 'internal error')).toBeUndefined();
    expect(refusalCause(401, 'who are you')).toBeUndefined();
  });
});
