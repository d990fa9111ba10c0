import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../../src/emulator/app.js';
import { emulatorLateReply } from '../../../src/emulator/late-reply.js';
import type { WeChatError } from '../../../src/errors.js';
import { parseMessage } from '../../../src/messages/parse.js';
import { reply } from '../../../src/replies/reply.js';

const message = parseMessage(
  '<xml><ToUserName>gh_e0mu1a700001</ToUserName><FromUserName>oFan</FromUserName><CreateTime>1</CreateTime>' +
    '<MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId></xml>',
);

describe('emulatorLateReply', () => {
  it('refuses a late reply before an emulator is connected and listening, saying what to do', async () => {
    const late = emulatorLateReply();
    const unconnected = await late.lateReply(message, reply.text('late')).catch((err: unknown) => err);
    const emulator = createEmulator(); // not served: no origin to send to
    late.connect(emulator);
    const unserved = await late.lateReply(message, reply.text('late')).catch((err: unknown) => err);
    for (const err of [unconnected, unserved] as WeChatError[]) {
      expect(err.code).toBe('CONFIG_INVALID');
      expect(err.message).toContain('serveEmulator(emulator)');
    }
    await late.close();
    await emulator.close();
  });
});
