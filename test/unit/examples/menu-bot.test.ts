import { describe, expect, it } from 'vitest';
import { createMenuBot, MENU_WELCOME } from '../../../src/examples/menu.js';
import { readReply, signedRequest } from '../../../src/testing/index.js';
import { createWebhook } from '../../../src/webhook/handler.js';

const keys = { token: 'AAAAA' } as const;
const webhook = () => createWebhook(createMenuBot(), { token: keys.token });

describe('the menu example: its welcome says what it does', () => {
  it('welcomes a follower with MENU_WELCOME, which promises the menu and the text echo only', async () => {
    expect(await readReply(await webhook().handle(signedRequest.event('subscribe', {}, keys)), keys)).toEqual(
      {
        type: 'text',
        content: MENU_WELCOME,
      },
    );
    expect(MENU_WELCOME).toContain('菜单');
    expect(MENU_WELCOME).not.toMatch(/image|voice|图片|语音/i);
  });
  it('does what the welcome says: a button’s answer names what it carried, text comes back', async () => {
    const w = webhook();
    expect(
      await readReply(await w.handle(signedRequest.event('CLICK', { EventKey: 'V1001_GOOD' }, keys)), keys),
    ).toEqual({ type: 'text', content: '你点击了菜单: V1001_GOOD' });
    expect(await readReply(await w.handle(signedRequest.text('你好', keys)), keys)).toEqual({
      type: 'text',
      content: '你好',
    });
  });
  it('does not echo an image (which is why the welcome does not offer it)', async () => {
    const w = webhook();
    const image = signedRequest.image({ mediaId: 'M', picUrl: 'https://example.com/a.jpg' }, keys);
    expect(await readReply(await w.handle(image), keys)).toEqual({ type: 'success' });
  });
});
