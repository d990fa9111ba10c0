/** The `customer-service` strategy: acknowledged at the budget, typing shown, the answer sent late. */
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../src/messages/types.js';
import { inbound } from '../../../../src/push/index.js';
import type { Reply } from '../../../../src/replies/types.js';
import { FAN } from '../support.js';
import { build, useFakeClock, wechatPush } from './wechat-attempts.js';

useFakeClock();

describe('customer-service', () => {
  it('acknowledges at the budget, shows typing, and sends the answer as a customer-service message', async () => {
    const late: [Message, Reply][] = [];
    const typing: string[] = [];
    const { webhook, answers } = build({
      lateReply: (m, r) => void late.push([m, r]),
      typing: (openid) => Promise.resolve(void typing.push(openid)),
    });
    const got = await wechatPush(webhook, inbound.text(FAN, 'sleep 8', '3001'), 9000);
    expect(got).toEqual([{ attempt: 1, at: 4500, body: 'success' }]);
    expect(typing).toEqual([FAN.from]);
    expect(late.map(([, r]) => r)).toEqual([{ type: 'text', content: 'slept 8 s' }]);
    expect(answers).toEqual(['customer_service']);
  });
});
