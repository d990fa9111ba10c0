/**
 * Type tests of the raw-body endpoints and the QR-code jump rules: the audio is bytes, the text a string, the
 * languages and the query kinds WeChat's; what does not fit does not compile.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { WeChatClient } from '../../src/api/client.js';
import type { TranslateResponse } from '../../src/api/types/ai.js';
import type { QrcodeJumpGetResponse } from '../../src/api/types/qrcode-jump.js';

declare const client: WeChatClient;

describe('client.ai', () => {
  it('takes bytes for the recording and a string for the text, in zh_CN or en_US', () => {
    expectTypeOf(client.ai.translate('你好', 'zh_CN', 'en_US')).resolves.toEqualTypeOf<TranslateResponse>();
    expectTypeOf(client.ai.queryVoiceResult('v1')).resolves.toHaveProperty('result').toEqualTypeOf<string>();
    void client.ai.submitVoice('v1', new Uint8Array(1));
    // @ts-expect-error: WeChat translates between zh_CN and en_US only
    void client.ai.translate('你好', 'zh_CN', 'ja_JP');
    // @ts-expect-error: the recording is bytes, not a file name
    void client.ai.submitVoice('v1', 'question.mp3');
    // @ts-expect-error: mp3 is the only format
    void client.call('ai.submitVoice', { voice_id: 'v1', format: 'amr', voice: new Uint8Array(1) });
  });
});

describe('client.qrcodeJump', () => {
  it('asks for the fields each get_type needs', () => {
    const appid = 'wx0123456789abcdef';
    expectTypeOf(
      client.qrcodeJump.get({ appid, get_type: 0 }),
    ).resolves.toEqualTypeOf<QrcodeJumpGetResponse>();
    void client.qrcodeJump.get({ appid, get_type: 1, prefix_list: ['http://weixin.qq.com/q/x'] });
    // @ts-expect-error: a prefix query needs its prefixes
    void client.qrcodeJump.get({ appid, get_type: 1 });
    // @ts-expect-error: a page query needs page_num and page_size
    void client.qrcodeJump.get({ appid, get_type: 2, page_num: 1 });
    // @ts-expect-error: is_edit is 0 (add) or 1 (edit)
    void client.qrcodeJump.add({ prefix: 'p', appid, path: 'pages/index', is_edit: 2 });
  });
});
